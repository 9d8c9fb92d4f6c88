using System;

namespace SignalFidelity
{
    /// <summary>
    /// Names the person accountable for the topology and their backup (rule SF0003). Their GitHub handles
    /// become the CODEOWNERS of <c>topology/</c>, so a topology change needs their review.
    /// </summary>
    [AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false, Inherited = false)]
    public sealed class TopologyOwnerAttribute : Attribute
    {
        /// <summary>Declares the topology's owner.</summary>
        /// <param name="name">The owner's full name.</param>
        /// <param name="email">The owner's email address.</param>
        public TopologyOwnerAttribute(string name, string email)
        {
            Name = name;
            Email = email;
        }

        /// <summary>The owner's full name.</summary>
        public string Name { get; }

        /// <summary>The owner's email address.</summary>
        public string Email { get; }

        /// <summary>The owner's GitHub handle, for example <c>@dana-ortiz</c>.</summary>
        public string? GitHub { get; set; }

        /// <summary>The backup's full name; must differ from the owner's.</summary>
        public string? Backup { get; set; }

        /// <summary>The backup's email address.</summary>
        public string? BackupEmail { get; set; }

        /// <summary>The backup's GitHub handle.</summary>
        public string? BackupGitHub { get; set; }
    }
}
