using System.Globalization;
using System.Text;

namespace SignalFidelity.Generators.Emit
{
    /// <summary>C# literals and names written with the invariant culture, so output never depends on the build machine.</summary>
    internal static class Literals
    {
        public const string GeneratedCode =
            "[global::System.CodeDom.Compiler.GeneratedCode(\"SignalFidelity.Generators\", \"" + GeneratorInfo.Version + "\")]";

        public static string String(string? value)
        {
            if (value is null)
            {
                return "null";
            }

            var builder = new StringBuilder(value.Length + 2);
            builder.Append('"');
            foreach (char c in value)
            {
                switch (c)
                {
                    case '"': builder.Append("\\\""); break;
                    case '\\': builder.Append("\\\\"); break;
                    case '\n': builder.Append("\\n"); break;
                    case '\r': builder.Append("\\r"); break;
                    case '\t': builder.Append("\\t"); break;
                    case '\0': builder.Append("\\0"); break;
                    default:
                        if (char.IsControl(c))
                        {
                            builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            builder.Append(c);
                        }

                        break;
                }
            }

            return builder.Append('"').ToString();
        }

        public static string Double(double value) => value.ToString("R", CultureInfo.InvariantCulture) + "d";

        public static string Decimal(double value) => value.ToString("R", CultureInfo.InvariantCulture) + "m";

        public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

        public static string Bool(bool value) => value ? "true" : "false";

        public static string SyncSystem(string member) => "global::SignalFidelity.SyncSystem." + member;

        public static string IdentityRule(string member) => "global::SignalFidelity.IdentityRule." + member;

        /// <summary>A fully qualified type name for a type generated next to an entity or consumer.</summary>
        public static string Qualified(string ns, string typeName) => ns.Length == 0 ? "global::" + typeName : "global::" + ns + "." + typeName;
    }
}
