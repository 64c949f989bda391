namespace Backtester.Generators.Models;

/// <summary>The Arrow type a record member is written as.</summary>
internal enum ArrowFieldKind
{
    Int64,
    Int32,
    Int16,
    Int8,
    UInt8,
    Double,
    Float,
    Boolean,
    Utf8,
    Timestamp,
}

/// <summary>How a member's value becomes the column's value on append, beyond what <see cref="ArrowFieldSpec.IsEnum"/> implies.</summary>
internal enum AppendConversion
{
    /// <summary>The value as it is (enums are cast to their underlying type).</summary>
    None,

    /// <summary>An explicit numeric cast to the column's value type (decimal parameters written as float64).</summary>
    Cast,

    /// <summary>The enum member's name, written to a utf8 column (enum parameters in sweep tables).</summary>
    EnumName,
}

/// <summary>One member of an [ArrowRecord] record and the Arrow column it is written to.</summary>
/// <param name="MemberName">The member name as an identifier.</param>
/// <param name="ColumnName">The Arrow field name, the member name in snake_case.</param>
/// <param name="FieldName">The generated <c>Columns</c> class's buffer field for this column, distinct within the record.</param>
/// <param name="Kind">The Arrow type.</param>
/// <param name="ValueType">The C# type the column stores (keyword, e.g. <c>long</c>), or empty for bool and string columns.</param>
/// <param name="IsEnum">True when the member is an enum, converted to <paramref name="ValueType"/> on append.</param>
/// <param name="EnumMembers">For enums: "Name=Value,..." in declaration order, the field's <c>backtester.enum</c> metadata.</param>
/// <param name="Conversion">How the value is converted on append.</param>
/// <param name="MemberType">The member's C# type, <c>global::</c>-qualified (used to convert back when reading).</param>
internal sealed record ArrowFieldSpec(
    string MemberName,
    string ColumnName,
    string FieldName,
    ArrowFieldKind Kind,
    string ValueType,
    bool IsEnum,
    string EnumMembers,
    AppendConversion Conversion,
    string MemberType);
