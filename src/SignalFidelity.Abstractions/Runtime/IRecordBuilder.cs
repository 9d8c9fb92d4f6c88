using System;

namespace SignalFidelity.Runtime
{
    /// <summary>
    /// Builds one entity record from values set by field index (the order of
    /// <see cref="EntityInfo.Fields"/>), generated per entity. Readers (the audit's export cells, the CRM
    /// read-back) convert text by <see cref="KindOf"/> and set the typed value, so they hold no list or
    /// switch over the entity's fields. Reused row after row: <see cref="Reset"/> clears it.
    /// </summary>
    /// <typeparam name="T">The entity record.</typeparam>
    public interface IRecordBuilder<T>
    {
        /// <summary>The index of the field named <paramref name="name"/> (the C# property name), or -1.</summary>
        int IndexOf(string name);

        /// <summary>How the field at <paramref name="field"/> is read from text.</summary>
        FieldValueKind KindOf(int field);

        /// <summary>Sets a string field.</summary>
        void SetString(int field, string? value);

        /// <summary>Sets a boolean field.</summary>
        void SetBoolean(int field, bool value);

        /// <summary>Sets a whole-number field; returns the problem when the value does not fit the property's type, else null.</summary>
        string? SetInteger(int field, long value);

        /// <summary>Sets a decimal field.</summary>
        void SetDecimal(int field, decimal value);

        /// <summary>Sets a floating-point field.</summary>
        void SetFloating(int field, double value);

        /// <summary>Sets a timestamp field.</summary>
        void SetTimestamp(int field, DateTimeOffset value);

        /// <summary>The record holding every value set since the last <see cref="Reset"/> (defaults elsewhere).</summary>
        T Build();

        /// <summary>Clears every value back to its default.</summary>
        void Reset();

        /// <summary>The value of the string field at <paramref name="field"/> in <paramref name="record"/>.</summary>
        string? GetString(T record, int field);

        /// <summary><paramref name="to"/> with the field at <paramref name="field"/> taken from <paramref name="from"/>.</summary>
        T CopyField(T to, T from, int field);
    }
}
