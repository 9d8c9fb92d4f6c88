namespace SignalFidelity.Runtime
{
    /// <summary>A webhook consumer: the single reader of a Shopify topic for one destination.</summary>
    public sealed class ConsumerInfo
    {
        /// <summary>Creates the consumer record.</summary>
        public ConsumerInfo(string topic, SyncSystem writes, string typeName)
        {
            Topic = topic;
            Writes = writes;
            TypeName = typeName;
        }

        /// <summary>The Shopify topic.</summary>
        public string Topic { get; }

        /// <summary>The destination written.</summary>
        public SyncSystem Writes { get; }

        /// <summary>The consumer class's fully qualified name.</summary>
        public string TypeName { get; }
    }
}
