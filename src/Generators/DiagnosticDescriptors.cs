using Microsoft.CodeAnalysis;

namespace Backtester.Generators;

/// <summary>
/// Every diagnostic the analyzers report, listed in AnalyzerReleases.Unshipped.md: BT00xx for strategies
/// (<see cref="StrategyAnalyzer"/>), BT01xx for Arrow records (<see cref="ArrowRecordAnalyzer"/>).
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "Backtester";

    /// <summary>
    /// Where each diagnostic is documented: its section of docs/diagnostics.md, anchored by its ID in lower case.
    /// Repository-relative until the project has a public home; then this is the one line to change.
    /// </summary>
    public const string HelpLinkBase = "docs/diagnostics.md";

    /// <summary>The help link of diagnostic <paramref name="id"/>.</summary>
    public static string HelpLink(string id) => HelpLinkBase + "#" + id.ToLowerInvariant();

    public static readonly DiagnosticDescriptor NotPartial = Error(
        "BT0001",
        "Strategy type must be partial",
        "Strategy type '{0}' must be declared partial so the generator can add its Parameters, Grid and Driver",
        "Add the 'partial' modifier to every declaration of the strategy type.");

    public static readonly DiagnosticDescriptor NotTopLevelOrGeneric = Error(
        "BT0002",
        "Strategy type must be top-level and non-generic",
        "Strategy type '{0}' must be a top-level, non-generic class or struct, but {1}",
        "Move the strategy out of its containing type and remove its type parameters.");

    public static readonly DiagnosticDescriptor UnsupportedParamType = Error(
        "BT0003",
        "[Param] on an unsupported type",
        "Parameter '{0}' has type '{1}', which [Param] does not support; use int, long, double, decimal, bool or an enum",
        "Change the member's type, or sweep the value some other way.");

    public static readonly DiagnosticDescriptor ParamNotSettable = Error(
        "BT0004",
        "[Param] member cannot be set",
        "Parameter '{0}' cannot be set by the generated Create method: {1}",
        "Use an instance property with a setter or init accessor, or a non-readonly instance field.");

    public static readonly DiagnosticDescriptor InvalidRange = Error(
        "BT0005",
        "Invalid parameter range or value list",
        "Parameter '{0}' has an invalid range or value list: {1}",
        "A range needs finite min <= max and a positive step; a value list needs at least one distinct value of the member's type.");

    public static readonly DiagnosticDescriptor UnevenStep = Warning(
        "BT0006",
        "Step does not divide the range evenly",
        "Parameter '{0}': step {1} does not divide max - min = {2} evenly; the grid stops at {3}, not at max {4}",
        "Choose a step that divides max - min, or set max to the last value you want.");

    public static readonly DiagnosticDescriptor GridTooLarge = Error(
        "BT0007",
        "Parameter grid too large",
        "The parameter grid of '{0}' has more combinations than a long can count ({1})",
        "Narrow the ranges or enlarge the steps.");

    public static readonly DiagnosticDescriptor WrongHandlerSignature = Error(
        "BT0008",
        "Handler has the wrong signature",
        "Handler '{0}' for [{1}] has the wrong signature: {2}; expected {3}",
        "Handlers return void, are not generic, and take the event (by value or 'in') and optionally Orders.");

    public static readonly DiagnosticDescriptor DuplicateHandler = Error(
        "BT0009",
        "Two handlers for the same event",
        "Handler '{0}' is a second [{1}] handler; '{2}' already handles this event",
        "Keep one handler per event and call the other method from it.");

    public static readonly DiagnosticDescriptor StaticHandler = Error(
        "BT0010",
        "Handler is static",
        "Handler '{0}' for [{1}] is static; handlers must be instance methods",
        "Remove the 'static' modifier.");

    public static readonly DiagnosticDescriptor OutsideStrategy = Warning(
        "BT0011",
        "Strategy attribute outside a strategy",
        "'{0}' is marked [{1}] but its type '{2}' has no [Strategy] attribute, so the attribute is ignored",
        "Add [Strategy] to the containing type, or remove the attribute.");

    public static readonly DiagnosticDescriptor NotRepresentable = Error(
        "BT0012",
        "Value not representable in the member type",
        "Parameter '{0}': {1} cannot be represented as {2}",
        "Use values (and a step) that the member's type holds exactly, or change the member's type.");

    public static readonly DiagnosticDescriptor NoParameterlessConstructor = Error(
        "BT0013",
        "Strategy needs a parameterless constructor",
        "Strategy type '{0}' cannot be created by the generated Create method: {1}",
        "Add a parameterless constructor (any accessibility), make the type non-abstract and non-static, and make each required member a [Param] or mark the constructor [SetsRequiredMembers].");

    public static readonly DiagnosticDescriptor ReservedParamName = Error(
        "BT0014",
        "Parameter name clashes with a generated member",
        "Parameter '{0}' has the name of a member the generated code declares; rename it",
        "Rename the member: the strategy gets StrategyName, Grid, Create, GetParameters, CreateDriver, RegisterWithStrategyCatalog, Parameters and Driver; Parameters gets Count, GridCount, From, FromGridIndex, ToGridIndex, ParameterNames, FormatValue, WithValue, ArrowSchema, TableName, CreateColumns, ReadRow, Columns and the record struct members Equals, GetHashCode, ToString, Deconstruct, EqualityContract, PrintMembers, GetType, MemberwiseClone and Finalize.");

    public static readonly DiagnosticDescriptor AsyncHandler = Error(
        "BT0015",
        "Handler is async",
        "Handler '{0}' for [{1}] is async; handlers must not be async",
        "The engine calls handlers one event at a time and does not await them: remove 'async' and do the work synchronously.");

    public static readonly DiagnosticDescriptor DuplicateParamColumn = Error(
        "BT0016",
        "Two parameters map to the same sweep column",
        "Parameter '{0}' maps to the sweep table column '{2}', which '{1}' already has",
        "Rename one of the parameters; sweep columns are the member names in snake_case, so FastMA and FastMa (or Alpha and alpha) are one column.");

    public static readonly DiagnosticDescriptor ParamColumnReserved = Error(
        "BT0017",
        "Parameter column clashes with a sweep table column",
        "Parameter '{0}' maps to the sweep table column '{1}', which the sweep table already has for {2}",
        "Rename the parameter; a sweep table has the columns index, one per parameter, one per statistic (events, fills, ..., sharpe, sortino, calmar) and error.");

    public static readonly DiagnosticDescriptor GeneratedMemberClash = Error(
        "BT0018",
        "Strategy member clashes with a generated member",
        "'{0}' clashes with the generated {1} of strategy '{2}'; rename it",
        "Rename the member (or the type): the generator adds StrategyName, Grid, Create(in Parameters), GetParameters(), CreateDriver(), RegisterWithStrategyCatalog(), and the nested types Parameters and Driver to every strategy.");

    public static readonly DiagnosticDescriptor UnsupportedArrowFieldType = Error(
        "BT0101",
        "Arrow record member of an unsupported type",
        "Member '{0}' has type '{1}', which [ArrowRecord] cannot write to an Arrow column",
        "Use long, int, short, sbyte, byte, double, float, bool, string or an enum with one of those underlying types.");

    public static readonly DiagnosticDescriptor ArrowRecordNotPartialRecordStruct = Error(
        "BT0102",
        "[ArrowRecord] type must be a partial record struct",
        "[ArrowRecord] type '{0}' must be a partial record struct, but {1}",
        "Declare the type as 'partial record struct' (or 'readonly partial record struct') so the generator can add its schema and columns.");

    public static readonly DiagnosticDescriptor ArrowTimestampNotLong = Error(
        "BT0103",
        "[ArrowTimestamp] on a member that is not a long",
        "Member '{0}' is marked [ArrowTimestamp] but has type '{1}'; a timestamp is a long of nanoseconds since the Unix epoch, UTC",
        "Change the member's type to long, or remove [ArrowTimestamp].");

    public static readonly DiagnosticDescriptor DuplicateArrowColumnName = Error(
        "BT0104",
        "Two members map to the same Arrow column name",
        "Member '{0}' maps to the Arrow column name '{2}', which '{1}' already has",
        "Rename one of the members; column names are the member names in snake_case.");

    public static readonly DiagnosticDescriptor ArrowRecordNotTopLevelOrGeneric = Error(
        "BT0105",
        "[ArrowRecord] type must be top-level and non-generic",
        "[ArrowRecord] type '{0}' must be a top-level, non-generic record struct, but {1}",
        "Move the record out of its containing type and remove its type parameters.");

    public static readonly DiagnosticDescriptor ArrowRecordMemberClash = Error(
        "BT0106",
        "Arrow record member clashes with a generated member",
        "'{0}' clashes with the generated {1} of [ArrowRecord] '{2}'; rename it",
        "Rename the member (or the type): the generator adds ArrowSchema, TableName, CreateColumns(), ReadRow(RecordBatch, int) and the nested class Columns to every record.");

    public static readonly DiagnosticDescriptor ReservedTableName = Error(
        "BT0107",
        "Arrow record table name is reserved",
        "[ArrowRecord] '{0}' has the table name '{1}', which the engine uses for its own results",
        "Rename the type or set [ArrowRecord(TableName = \"...\")]; the engine reserves summary, fills, equity, sweep, orders, round_trips, ledger and windows.");

    // Reported once the whole compilation is seen, hence the CompilationEnd tag.
    public static readonly DiagnosticDescriptor DuplicateTableName = Create(
        "BT0108",
        "Two Arrow records have the same table name",
        "[ArrowRecord] '{0}' has the table name '{1}', which '{2}' also has; a run would write both to {1}.arrow",
        "Rename one of the types or give one a different [ArrowRecord(TableName = \"...\")]; table names are the type names in snake_case, whatever their namespace.",
        DiagnosticSeverity.Error,
        WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor InvalidTableName = Error(
        "BT0109",
        "Invalid Arrow record table name",
        "[ArrowRecord] '{0}' has TableName \"{1}\", which is not a table name: {2}",
        "A table name is the stem of a file name: a letter, then letters, digits, '_' or '-'.");

    private static DiagnosticDescriptor Error(string id, string title, string message, string help) =>
        Create(id, title, message, help, DiagnosticSeverity.Error);

    private static DiagnosticDescriptor Warning(string id, string title, string message, string help) =>
        Create(id, title, message, help, DiagnosticSeverity.Warning);

    private static DiagnosticDescriptor Create(string id, string title, string message, string help, DiagnosticSeverity severity, params string[] customTags) =>
        new(id, title, message, Category, severity, isEnabledByDefault: true, description: help, helpLinkUri: HelpLink(id), customTags);
}
