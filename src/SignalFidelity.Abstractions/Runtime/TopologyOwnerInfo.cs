namespace SignalFidelity.Runtime
{
    /// <summary>The topology's owner and backup as declared by <see cref="TopologyOwnerAttribute"/>.</summary>
    public sealed class TopologyOwnerInfo
    {
        /// <summary>Creates the owner record.</summary>
        public TopologyOwnerInfo(string name, string email, string? gitHub, string? backup, string? backupEmail, string? backupGitHub)
        {
            Name = name;
            Email = email;
            GitHub = gitHub;
            Backup = backup;
            BackupEmail = backupEmail;
            BackupGitHub = backupGitHub;
        }

        /// <summary>The owner's name.</summary>
        public string Name { get; }

        /// <summary>The owner's email.</summary>
        public string Email { get; }

        /// <summary>The owner's GitHub handle.</summary>
        public string? GitHub { get; }

        /// <summary>The backup's name.</summary>
        public string? Backup { get; }

        /// <summary>The backup's email.</summary>
        public string? BackupEmail { get; }

        /// <summary>The backup's GitHub handle.</summary>
        public string? BackupGitHub { get; }
    }
}
