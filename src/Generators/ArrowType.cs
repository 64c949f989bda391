using Backtester.Generators.Models;

namespace Backtester.Generators;

/// <summary>How one <see cref="ArrowFieldKind"/> is spelled in generated code.</summary>
/// <param name="Kind">The kind.</param>
/// <param name="DataType">The expression for its Apache.Arrow data type, <c>global::</c>-qualified.</param>
/// <param name="ArrayType">The Apache.Arrow array class a column of it reads back as, <c>global::</c>-qualified.</param>
internal sealed record ArrowType(ArrowFieldKind Kind, string DataType, string ArrayType);
