using System;

namespace SignalFidelity
{
    /// <summary>Pins the API version of a vendor that the topology was written against.</summary>
    [AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true, Inherited = false)]
    public sealed class VendorApiAttribute : Attribute
    {
        /// <summary>Pins a vendor API version.</summary>
        /// <param name="system">The vendor.</param>
        /// <param name="version">The version, for example <c>2026-07</c> for Shopify or <c>2026-07-15</c> for Klaviyo.</param>
        public VendorApiAttribute(SyncSystem system, string version)
        {
            System = system;
            Version = version;
        }

        /// <summary>The vendor.</summary>
        public SyncSystem System { get; }

        /// <summary>The pinned API version.</summary>
        public string Version { get; }
    }
}
