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

/// <summary>One member of an [ArrowRecord] record and the Arrow column it is written to.</summary>
/// <param name="MemberName">The member name as an identifier.</param>
/// <param name="ColumnName">The Arrow field name, the member name in snake_case.</param>
/// <param name="Kind">The Arrow type.</param>
/// <param name="ValueType">The C# type the column stores (keyword, e.g. <c>long</c>), or empty for bool and string columns.</param>
/// <param name="IsEnum">True when the member is an enum, converted to <paramref name="ValueType"/> on append.</param>
/// <param name="EnumMembers">For enums: "Name=Value,..." in declaration order, the field's <c>backtester.enum</c> metadata.</param>
internal sealed record ArrowFieldSpec(
    string MemberName,
    string ColumnName,
    ArrowFieldKind Kind,
    string ValueType,
    bool IsEnum,
    string EnumMembers);
