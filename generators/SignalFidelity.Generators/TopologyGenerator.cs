using System.Linq;
using Microsoft.CodeAnalysis;
using SignalFidelity.Generators.Emit;
using SignalFidelity.Generators.Model;
using SignalFidelity.Generators.Parsing;
using SignalFidelity.TopologyReading;

namespace SignalFidelity.Generators
{
    /// <summary>
    /// Turns the topology declarations into code: per entity a fidelity comparer and one typed mapper per
    /// (source, destination) pair; per consumer its completion; one webhook router and one manifest.
    /// Reports no diagnostics: invalid declarations are skipped and the analyzer explains them.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class TopologyGenerator : IIncrementalGenerator
    {
        /// <inheritdoc/>
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var entities = context.SyntaxProvider
                .ForAttributeWithMetadataName(VocabularyNames.MetadataName(VocabularyNames.SyncEntity), static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax, EntityParser.Parse)
                .Where(static e => e is not null).Select(static (e, _) => e!.Value)
                .WithTrackingName(TrackingNames.Entities);

            var consumers = context.SyntaxProvider
                .ForAttributeWithMetadataName(VocabularyNames.MetadataName(VocabularyNames.WebhookConsumer), static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.ClassDeclarationSyntax, ConsumerParser.Parse)
                .Where(static c => c is not null).Select(static (c, _) => c!.Value)
                .WithTrackingName(TrackingNames.Consumers);

            // Assembly attributes arrive on the compilation unit that declares them.
            var owner = context.SyntaxProvider
                .ForAttributeWithMetadataName(VocabularyNames.MetadataName(VocabularyNames.TopologyOwner), static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.CompilationUnitSyntax, AssemblyAttributeParser.ParseOwner)
                .Where(static o => o is not null).Select(static (o, _) => o!.Value)
                .WithTrackingName(TrackingNames.Owner);

            var vendorApis = context.SyntaxProvider
                .ForAttributeWithMetadataName(VocabularyNames.MetadataName(VocabularyNames.VendorApi), static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.CompilationUnitSyntax, AssemblyAttributeParser.ParseVendorApis)
                .WithTrackingName(TrackingNames.VendorApis);

            var externalWriters = context.SyntaxProvider
                .ForAttributeWithMetadataName(VocabularyNames.MetadataName(VocabularyNames.ExternalWriter), static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.CompilationUnitSyntax, AssemblyAttributeParser.ParseExternalWriters)
                .WithTrackingName(TrackingNames.ExternalWriters);

            context.RegisterPostInitializationOutput(static spc => spc.AddSource(WebhookValuesEmitter.HintName, WebhookValuesEmitter.Emit()));

            // Per entity, per item: editing one record regenerates only its own files.
            context.RegisterSourceOutput(entities, static (spc, entity) =>
            {
                if (entity.Fields.Any(f => f.IsFidelityField))
                {
                    spc.AddSource(ComparerEmitter.HintName(entity), ComparerEmitter.Emit(entity));
                }

                foreach (MapperPair pair in MapperPair.From(entity))
                {
                    spc.AddSource(MapperEmitter.HintName(entity, pair), MapperEmitter.Emit(entity, pair));
                }

                spc.AddSource(EntityRuntimeEmitter.HintName(entity), EntityRuntimeEmitter.Emit(entity));
            });

            // A consumer needs its topic's entity and mapper; the summary leaves out fields, so editing a
            // field does not regenerate consumers.
            var summaries = entities
                .Select(static (e, _) => new EntitySummary(e.Name, e.Namespace, e.TypeName, e.FullyQualifiedTypeName,
                    MapperPair.From(e).Where(p => p.Source == "Shopify").Select(p => p.Destination).ToEquatableArray()))
                .Collect()
                .Select(static (all, _) => all.OrderBy(s => s.Name, System.StringComparer.Ordinal).ToEquatableArray())
                .WithTrackingName(TrackingNames.EntitySummaries);

            var consumersWithEntities = consumers.Combine(summaries).WithTrackingName(TrackingNames.ConsumersWithEntities);
            context.RegisterSourceOutput(consumersWithEntities, static (spc, pair) =>
            {
                var (consumer, all) = pair;
                string? entityName = TopicEntities.EntityFor(consumer.Topic);
                EntitySummary? entity = all.Where(s => s.Name == entityName).Select(s => (EntitySummary?)s).FirstOrDefault();
                spc.AddSource(ConsumerEmitter.HintName(consumer), ConsumerEmitter.Emit(consumer, entity));
            });

            var allConsumers = consumers.Collect().WithTrackingName(TrackingNames.RouterInput);
            context.RegisterSourceOutput(allConsumers, static (spc, all) => spc.AddSource(RouterEmitter.HintName, RouterEmitter.Emit(all)));

            var manifestInput = owner.Collect()
                .Combine(vendorApis.Collect())
                .Combine(entities.Collect())
                .Combine(consumers.Collect())
                .Combine(externalWriters.Collect())
                .Select(static (all, _) => new ManifestInput(
                    all.Left.Left.Left.Left.IsEmpty ? null : all.Left.Left.Left.Left[0],
                    all.Left.Left.Left.Right.SelectMany(pins => pins).ToEquatableArray(),
                    all.Left.Left.Right.ToEquatableArray(),
                    all.Left.Right.ToEquatableArray(),
                    all.Right.SelectMany(writers => writers).ToEquatableArray()))
                .WithTrackingName(TrackingNames.ManifestInput);
            context.RegisterSourceOutput(manifestInput, static (spc, input) => spc.AddSource(ManifestEmitter.HintName, ManifestEmitter.Emit(input)));
        }
    }
}
