namespace SignalFidelity.Runtime
{
    /// <summary>A pinned vendor API version.</summary>
    public sealed class VendorApiInfo
    {
        /// <summary>Creates the pin.</summary>
        public VendorApiInfo(SyncSystem system, string version)
        {
            System = system;
            Version = version;
        }

        /// <summary>The vendor.</summary>
        public SyncSystem System { get; }

        /// <summary>The pinned version.</summary>
        public string Version { get; }
    }
}
