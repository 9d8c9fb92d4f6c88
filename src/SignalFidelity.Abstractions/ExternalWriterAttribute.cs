using System;

namespace SignalFidelity
{
    /// <summary>
    /// Declares an integration outside SignalFidelity that writes properties of a system (Klaviyo's own
    /// Shopify integration, a loyalty app, a HubSpot workflow). A topology flow into one of those properties
    /// would have two writers, so it is a contested field (rule SF0001) at the flow and at this declaration.
    /// </summary>
    [AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true, Inherited = false)]
    public sealed class ExternalWriterAttribute : Attribute
    {
        /// <summary>Declares an external writer.</summary>
        /// <param name="name">What the team calls the integration, for example <c>Klaviyo Shopify integration</c>.</param>
        /// <param name="system">The system whose properties it writes.</param>
        /// <param name="properties">The property names it writes there, as that system names them.</param>
        public ExternalWriterAttribute(string name, SyncSystem system, params string[] properties)
        {
            Name = name;
            System = system;
            Properties = properties ?? Array.Empty<string>();
        }

        /// <summary>What the team calls the integration.</summary>
        public string Name { get; }

        /// <summary>The system whose properties it writes.</summary>
        public SyncSystem System { get; }

        /// <summary>The property names it writes.</summary>
        public string[] Properties { get; }
    }
}
