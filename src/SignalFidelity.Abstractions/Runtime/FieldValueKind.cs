namespace SignalFidelity.Runtime
{
    /// <summary>
    /// How a field's value is read from text (an export cell, a CRM property, a JSON string): the
    /// conversion follows the property's C# type, so the readers need no list of fields.
    /// </summary>
    public enum FieldValueKind
    {
        /// <summary><c>string</c>.</summary>
        String = 0,

        /// <summary><c>bool</c>.</summary>
        Boolean = 1,

        /// <summary>Whole numbers (<c>int</c>, <c>long</c>); counts exported as <c>3.0</c> are read as 3.</summary>
        Integer = 2,

        /// <summary><c>decimal</c>: money and exact amounts.</summary>
        Decimal = 3,

        /// <summary><c>double</c>, <c>float</c>: scores and probabilities.</summary>
        Floating = 4,

        /// <summary><c>DateTimeOffset</c> (and <c>DateTime</c>, read as UTC).</summary>
        Timestamp = 5,

        /// <summary>Any other type: not readable from text; the readers say so by name.</summary>
        Unsupported = 6,
    }
}
