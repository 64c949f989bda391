using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Numerics;
using System.Threading;
using Backtester.Generators.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Backtester.Generators;

public sealed partial class StrategyGenerator
{
    /// <summary>
    /// Symbols in, model out. The generator and <see cref="StrategyAnalyzer"/> both run it, so they agree on what is
    /// valid: the analyzer reports the collected diagnostics, the generator skips a strategy that has an error.
    /// </summary>
    internal sealed class Parser : DeclarationParser
    {
        // Members the generated code declares in the strategy or in its Parameters record struct; a [Param] of the
        // same name would not compile. docs/diagnostics.md (BT0014) lists them all.
        private static readonly HashSet<string> ReservedParamNames = new(StringComparer.Ordinal)
        {
            "StrategyName", "Grid", "Create", "GetParameters", "CreateDriver", "RegisterWithStrategyCatalog", "Parameters", "Driver",
            "Count", "GridCount", "From", "FromGridIndex", "ToGridIndex", "ParameterNames", "FormatValue", "WithValue",
            "ArrowSchema", "TableName", "CreateColumns", "ReadRow", "Columns",
            "Equals", "GetHashCode", "ToString", "Deconstruct", "EqualityContract", "PrintMembers", "GetType", "MemberwiseClone", "Finalize",
        };

        /// <summary>
        /// The members the generated code adds to the strategy type itself, what to call them in a message, and for
        /// methods the parameter count a user overload may not have.
        /// </summary>
        private static readonly (string Name, string Description, int? MethodParameters)[] GeneratedStrategyMembers =
        {
            ("StrategyName", "property StrategyName", null),
            ("Grid", "property Grid", null),
            ("Create", "method Create(in Parameters)", 1),
            ("GetParameters", "method GetParameters()", 0),
            ("CreateDriver", "method CreateDriver()", 0),
            ("RegisterWithStrategyCatalog", "method RegisterWithStrategyCatalog()", 0),
            ("Parameters", "nested type Parameters", null),
            ("Driver", "nested type Driver", null),
        };

        private const string SetsRequiredMembersAttribute = "System.Diagnostics.CodeAnalysis.SetsRequiredMembersAttribute";

        private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
            .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.UseSpecialTypes);

        public Parser(KnownSymbols known, List<Diagnostic> diagnostics)
            : base(known, diagnostics)
        {
        }

        /// <summary>The model of <paramref name="type"/>, or null when it has an error (reported to the diagnostics list).</summary>
        public StrategySpec? Parse(INamedTypeSymbol type, AttributeData strategyAttribute, CancellationToken cancellationToken)
        {
            CheckDeclaration(type, cancellationToken);
            if (HasErrors && (type.TypeKind is not (TypeKind.Class or TypeKind.Struct) || type.Name.Length == 0)) return null;
            CheckGeneratedMemberClashes(type);
            List<ParsedParam> parameters = ParseParameters(type, cancellationToken);
            CheckColumns(parameters);
            CheckRequiredMembers(type, parameters);
            List<HandlerSpec> handlers = ParseHandlers(type);
            long gridCount = CountGrid(type, parameters);
            if (HasErrors) return null;

            string name = strategyAttribute.NamedArguments.FirstOrDefault(a => a.Key == "Name").Value.Value as string ?? type.Name;
            string keyword = (type.IsRecord, type.TypeKind) switch
            {
                (true, TypeKind.Struct) => "record struct",
                (true, _) => "record",
                (false, TypeKind.Struct) => "struct",
                _ => "class",
            };
            string ns = SymbolNames.Namespace(type);
            EquatableArray<ParamSpec> specs = NameValueFields(parameters);
            return new StrategySpec(
                ns,
                Identifier(type.Name),
                type.ToDisplayString(TypeFormat),
                keyword,
                SymbolDisplay.FormatLiteral(name, quote: true),
                SymbolNames.HintName(type, "Strategy"),
                specs,
                new EquatableArray<HandlerSpec>(handlers.ToArray()),
                gridCount,
                ParameterColumns(ns, parameters, specs));
        }

        private void CheckDeclaration(INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            // [Strategy] on an interface or enum, or a declaration without a name: the compiler reports these.
            if (type.TypeKind is not (TypeKind.Class or TypeKind.Struct) || type.Name.Length == 0)
            {
                HasErrors = true;
                return;
            }
            if (SymbolNames.FirstNonPartialDeclaration(type, cancellationToken) is { } declaration)
                Report(DiagnosticDescriptors.NotPartial, declaration.Identifier.GetLocation(), type.Name);

            if (type.ContainingType is not null)
                Report(DiagnosticDescriptors.NotTopLevelOrGeneric, type, type.Name, $"it is nested in '{type.ContainingType.Name}'");
            else if (type.IsGenericType)
                Report(DiagnosticDescriptors.NotTopLevelOrGeneric, type, type.Name, "it is generic");
            else if (type.IsRefLikeType)
                Report(DiagnosticDescriptors.NotTopLevelOrGeneric, type, type.Name, "it is a ref struct");
            else if (type.IsFileLocal)
                Report(DiagnosticDescriptors.NotTopLevelOrGeneric, type, type.Name, "it is file-local, so the generated part in another file cannot extend it");

            if (type.TypeKind != TypeKind.Class) return;
            if (type.IsStatic)
                Report(DiagnosticDescriptors.NoParameterlessConstructor, type, type.Name, "it is static");
            else if (type.IsAbstract)
                Report(DiagnosticDescriptors.NoParameterlessConstructor, type, type.Name, "it is abstract");
            else if (!type.InstanceConstructors.Any(IsParameterless))
                Report(DiagnosticDescriptors.NoParameterlessConstructor, type, type.Name, "it has no parameterless constructor");
        }

        private static bool IsParameterless(IMethodSymbol constructor) => constructor.Parameters.All(p => p.IsOptional || p.IsParams);

        /// <summary>BT0018 on the type, or on any member other than a [Param], that has the name of a generated strategy member.</summary>
        private void CheckGeneratedMemberClashes(INamedTypeSymbol type)
        {
            foreach (var generated in GeneratedStrategyMembers)
            {
                if (type.Name == generated.Name)
                    Report(DiagnosticDescriptors.GeneratedMemberClash, type, type.Name, generated.Description + " (a member cannot have the name of its type)", type.Name);
                foreach (ISymbol member in type.GetMembers(generated.Name))
                {
                    if (member.IsImplicitlyDeclared || member.GetAttributes().Any(Known.IsParam)) continue;
                    if (generated.MethodParameters is int count && member is IMethodSymbol method
                        && (method.Parameters.Length != count || (count == 1 && method.Parameters[0].Type.Name != "Parameters")))
                        continue;
                    Report(DiagnosticDescriptors.GeneratedMemberClash, member, member.Name, generated.Description, type.Name);
                }
            }
        }

        /// <summary>BT0016 for two parameters with one snake_case column, BT0017 for a parameter column the sweep table already has.</summary>
        private void CheckColumns(List<ParsedParam> parameters)
        {
            var firstByColumn = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (ParsedParam parameter in parameters)
            {
                string column = parameter.ColumnName;
                if (ReservedSweepColumn(column) is { } owner)
                    Report(DiagnosticDescriptors.ParamColumnReserved, parameter.Member, parameter.Member.Name, column, owner);
                else if (firstByColumn.TryGetValue(column, out string? first))
                    Report(DiagnosticDescriptors.DuplicateParamColumn, parameter.Member, parameter.Member.Name, first, column);
                else
                    firstByColumn.Add(column, parameter.Member.Name);
            }
        }

        private static string? ReservedSweepColumn(string column)
        {
            if (ReservedNames.SweepLeadingColumns.Contains(column)) return "the combination's grid index";
            if (ReservedNames.SweepStatisticColumns.Contains(column)) return "a BacktestSummary statistic";
            if (ReservedNames.SweepTrailingColumns.Contains(column)) return "the error of a failed combination";
            return null;
        }

        /// <summary>BT0013 on a <c>required</c> member the generated <c>Create</c> cannot set (one that is not a [Param]).</summary>
        private void CheckRequiredMembers(INamedTypeSymbol type, List<ParsedParam> parameters)
        {
            bool constructorSetsThem = type.InstanceConstructors.Any(c => IsParameterless(c)
                && c.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == SetsRequiredMembersAttribute));
            if (constructorSetsThem) return;
            var set = new HashSet<string>(parameters.Select(p => p.Member.Name), StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (INamedTypeSymbol? declaring = type; declaring is not null; declaring = declaring.BaseType)
            {
                foreach (ISymbol member in declaring.GetMembers())
                {
                    bool required = member is IPropertySymbol { IsRequired: true } or IFieldSymbol { IsRequired: true };
                    if (!required || !seen.Add(member.Name) || (SymbolEqualityComparer.Default.Equals(declaring, type) && set.Contains(member.Name))) continue;
                    ISymbol at = SymbolEqualityComparer.Default.Equals(declaring, type) ? member : type;
                    Report(DiagnosticDescriptors.NoParameterlessConstructor, at, type.Name, $"its member '{member.Name}' is required and is not a [Param]");
                }
            }
        }

        private long CountGrid(INamedTypeSymbol type, List<ParsedParam> parameters)
        {
            long count = 1;
            foreach (ParsedParam parameter in parameters)
            {
                try
                {
                    count = checked(count * parameter.Spec.Count);
                }
                catch (OverflowException)
                {
                    string product = string.Join(" x ", parameters.Select(p => p.Spec.Count.ToString(CultureInfo.InvariantCulture)));
                    Report(DiagnosticDescriptors.GridTooLarge, type, type.Name, product);
                    return 0;
                }
            }
            return count;
        }

        /// <summary>Names each value list's static array so that it is distinct from every parameter (a member of the same record struct).</summary>
        private static EquatableArray<ParamSpec> NameValueFields(List<ParsedParam> parameters)
        {
            var taken = new HashSet<string>(parameters.Select(p => p.Spec.Name), StringComparer.Ordinal);
            var specs = new ParamSpec[parameters.Count];
            for (int i = 0; i < specs.Length; i++)
            {
                ParamSpec spec = parameters[i].Spec;
                if (spec.Values is ListValues list)
                {
                    string field = "s_" + spec.LocalName + "Values";
                    while (!taken.Add(field)) field += "_";
                    spec = spec with { Values = list with { FieldName = field } };
                }
                specs[i] = spec;
            }
            return new EquatableArray<ParamSpec>(specs);
        }

        /// <summary>The parameters as an Arrow record, so sweep tables get one typed column per parameter.</summary>
        private static ArrowRecordSpec ParameterColumns(string ns, List<ParsedParam> parameters, EquatableArray<ParamSpec> specs)
        {
            string[] fieldNames = SymbolNames.ColumnFieldNames(specs.Select(p => p.PlainName).ToList());
            var fields = new ArrowFieldSpec[specs.Count];
            for (int i = 0; i < fields.Length; i++)
            {
                ParamSpec p = specs[i];
                (ArrowFieldKind kind, string valueType, AppendConversion conversion) = p.Kind switch
                {
                    ParamKind.Int32 => (ArrowFieldKind.Int32, "int", AppendConversion.None),
                    ParamKind.Int64 => (ArrowFieldKind.Int64, "long", AppendConversion.None),
                    ParamKind.Double => (ArrowFieldKind.Double, "double", AppendConversion.None),
                    ParamKind.Decimal => (ArrowFieldKind.Double, "double", AppendConversion.Cast),
                    ParamKind.Boolean => (ArrowFieldKind.Boolean, "", AppendConversion.None),
                    _ => (ArrowFieldKind.Utf8, "", AppendConversion.EnumName),
                };
                fields[i] = new ArrowFieldSpec(p.Name, parameters[i].ColumnName, fieldNames[i], kind, valueType, IsEnum: false, EnumMembers: "", conversion, p.TypeName);
            }
            return new ArrowRecordSpec(ns, "Parameters", "Parameters", IsReadOnly: true, HintName: "", TableName: "parameters",
                new EquatableArray<ArrowFieldSpec>(fields), IsPositional: true, Readable: true);
        }

        private List<HandlerSpec> ParseHandlers(INamedTypeSymbol type)
        {
            var handlers = new List<HandlerSpec>();
            var firstByEvent = new Dictionary<HandlerEvent, IMethodSymbol>();
            foreach (ISymbol member in type.GetMembers())
            {
                if (member is not IMethodSymbol method) continue;
                foreach (AttributeData attribute in method.GetAttributes())
                {
                    if (!Known.TryGetHandlerKind(attribute.AttributeClass, out EventKind kind, out INamedTypeSymbol? eventType)) continue;
                    if (firstByEvent.TryGetValue(kind.Event, out IMethodSymbol? first))
                    {
                        Report(DiagnosticDescriptors.DuplicateHandler, method, method.Name, kind.AttributeName, first.Name);
                        continue;
                    }
                    firstByEvent[kind.Event] = method;
                    if (ParseHandler(method, kind, eventType) is { } handler) handlers.Add(handler);
                }
            }
            return handlers;
        }

        private HandlerSpec? ParseHandler(IMethodSymbol method, EventKind kind, INamedTypeSymbol? eventType)
        {
            string attributeName = kind.AttributeName;
            if (method.IsStatic)
            {
                Report(DiagnosticDescriptors.StaticHandler, method, method.Name, attributeName);
                return null;
            }
            if (method.IsAsync)
            {
                Report(DiagnosticDescriptors.AsyncHandler, method, method.Name, attributeName);
                return null;
            }
            if (kind.EventTypeMetadataName is not null && eventType is null)
            {
                // The Sdk referenced lacks the event type: nothing the user can fix in this method.
                HasErrors = true;
                return null;
            }

            string expected = eventType is null
                ? "void M() or void M(Orders orders)"
                : $"void M(in {eventType.Name} e) or void M(in {eventType.Name} e, Orders orders)";
            string? problem = null;
            if (method.IsGenericMethod) problem = "it is generic";
            else if (!method.ReturnsVoid) problem = $"it returns {method.ReturnType.ToDisplayString()}";
            else if (method.MethodKind != MethodKind.Ordinary) problem = "it is not an ordinary method";

            int eventParameters = eventType is null ? 0 : 1;
            bool passesByIn = false;
            var parameters = method.Parameters;
            if (problem is null && (parameters.Length < eventParameters || parameters.Length > eventParameters + 1))
                problem = $"it takes {parameters.Length} parameter{(parameters.Length == 1 ? "" : "s")}";
            if (problem is null && eventType is not null)
            {
                IParameterSymbol e = parameters[0];
                passesByIn = e.RefKind is RefKind.In or RefKind.RefReadOnlyParameter;
                if (!SymbolEqualityComparer.Default.Equals(e.Type, eventType) || !(passesByIn || e.RefKind == RefKind.None))
                    problem = $"parameter '{e.Name}' is {Describe(e)}";
            }
            if (problem is null && parameters.Length > eventParameters)
            {
                IParameterSymbol o = parameters[eventParameters];
                if (!SymbolEqualityComparer.Default.Equals(o.Type, Known.Orders) || o.RefKind != RefKind.None)
                    problem = $"parameter '{o.Name}' is {Describe(o)}";
            }
            if (problem is not null)
            {
                Report(DiagnosticDescriptors.WrongHandlerSignature, method, method.Name, attributeName, problem, expected);
                return null;
            }
            return new HandlerSpec(kind.Event, Identifier(method.Name), passesByIn, parameters.Length > eventParameters);
        }

        private List<ParsedParam> ParseParameters(INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            var parameters = new List<ParsedParam>();
            var usedStems = new HashSet<string>(StringComparer.Ordinal);
            foreach (ISymbol member in type.GetMembers())
            {
                cancellationToken.ThrowIfCancellationRequested();
                AttributeData? attribute = member.GetAttributes().FirstOrDefault(Known.IsParam);
                if (attribute is null) continue;
                ITypeSymbol? memberType = member switch
                {
                    IPropertySymbol property => property.Type,
                    IFieldSymbol field => field.Type,
                    _ => null,
                };
                if (memberType is null) continue;
                if (ParseParameter(member, memberType, attribute, usedStems) is { } parameter)
                    parameters.Add(new ParsedParam(member, parameter, SymbolNames.ToSnakeCase(member.Name)));
            }
            return parameters;
        }

        private ParamSpec? ParseParameter(ISymbol member, ITypeSymbol memberType, AttributeData attribute, HashSet<string> usedStems)
        {
            string name = member.Name;
            string? notSettable = member switch
            {
                _ when member.IsStatic => "it is static",
                IFieldSymbol { IsConst: true } => "it is a constant",
                IFieldSymbol { IsReadOnly: true } => "it is a readonly field",
                IPropertySymbol { IsIndexer: true } => "it is an indexer",
                IPropertySymbol { ExplicitInterfaceImplementations.IsEmpty: false } => "it is an explicit interface implementation",
                IPropertySymbol { SetMethod: null } => "it has no setter or init accessor",
                _ => null,
            };
            if (notSettable is not null)
            {
                Report(DiagnosticDescriptors.ParamNotSettable, member, name, notSettable);
                return null;
            }

            ParamKind? kind = memberType switch
            {
                { SpecialType: SpecialType.System_Int32 } => ParamKind.Int32,
                { SpecialType: SpecialType.System_Int64 } => ParamKind.Int64,
                { SpecialType: SpecialType.System_Double } => ParamKind.Double,
                { SpecialType: SpecialType.System_Decimal } => ParamKind.Decimal,
                { SpecialType: SpecialType.System_Boolean } => ParamKind.Boolean,
                { TypeKind: TypeKind.Enum } => ParamKind.Enum,
                _ => null,
            };
            if (kind is null)
            {
                Report(DiagnosticDescriptors.UnsupportedParamType, member, name, memberType.ToDisplayString());
                return null;
            }
            if (ReservedParamNames.Contains(name))
            {
                Report(DiagnosticDescriptors.ReservedParamName, member, name);
                return null;
            }
            if (attribute.AttributeConstructor is null
                || attribute.ConstructorArguments.Any(a => a.Kind == TypedConstantKind.Error)
                || attribute.NamedArguments.Any(a => a.Value.Kind == TypedConstantKind.Error))
            {
                // The attribute does not bind; the compiler already reports why.
                HasErrors = true;
                return null;
            }

            var context = new ParamContext(member, memberType, kind.Value, memberType.ToDisplayString(TypeFormat), UniqueStem(name, usedStems));
            TypedConstant? values = null;
            double? step = null;
            foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
            {
                if (argument.Key == "Values") values = argument.Value;
                else if (argument.Key == "Step" && argument.Value.Value is double s) step = s;
            }
            bool hasRange = attribute.ConstructorArguments.Length == 2;

            if (hasRange && values is not null)
                return Invalid(context, "it has both a range (min, max) and Values; use one");
            if (step is not null && !hasRange)
                return Invalid(context, $"Step = {Format(step.Value)} applies only to a range [Param(min, max, Step = ...)]");
            if (values is { } list)
                return ParseValueList(context, list);
            if (hasRange)
                return ParseRange(context, attribute.ConstructorArguments[0], attribute.ConstructorArguments[1], step ?? 1);
            return context.Kind switch
            {
                ParamKind.Boolean => context.Spec(2, BooleanValues.Instance),
                ParamKind.Enum => ParseEnumMembers(context),
                _ => Invalid(context, $"a parameter of type {context.TypeName} needs a range [Param(min, max)] or Values"),
            };
        }

        private ParamSpec? ParseRange(ParamContext context, TypedConstant minArgument, TypedConstant maxArgument, double step)
        {
            if (context.Kind is ParamKind.Boolean or ParamKind.Enum)
                return Invalid(context, $"a range (min, max) applies to int, long, double and decimal members, not {context.TypeName}; use [Param] or Values");
            if (!TryReadBound(context, "min", minArgument, out decimal min) || !TryReadBound(context, "max", maxArgument, out decimal max))
                return null;
            if (IsNotFinite(context, "step", step))
                return null;
            if (step <= 0)
                return Invalid(context, $"step {Format(step)} must be positive");
            if (min > max)
                return Invalid(context, $"min {Format(min)} is greater than max {Format(max)}");
            bool integral = context.Kind is ParamKind.Int32 or ParamKind.Int64;
            if (integral && step != Math.Floor(step))
                return NotRepresentable(context, $"step {Format(step)}", $"a whole-number step of a {context.TypeName} member");
            if (!TryToDecimal(step, out decimal stepValue) || stepValue <= 0)
                return NotRepresentable(context, $"step {Format(step)}", "a decimal (steps are computed in decimal)");

            decimal count;
            try
            {
                count = decimal.Floor((max - min) / stepValue) + 1;
            }
            catch (OverflowException)
            {
                count = decimal.MaxValue;
            }
            if (count > long.MaxValue)
            {
                Report(DiagnosticDescriptors.GridTooLarge, context.Member, context.Member.Name,
                    $"{Format(min)}..{Format(max)} by {Format(stepValue)} has {Format(count)} values");
                return null;
            }
            decimal last = min + (count - 1) * stepValue;
            if (last != max)
            {
                Report(DiagnosticDescriptors.UnevenStep, context.Member, context.Member.Name,
                    Format(stepValue), Format(max - min), Format(last), Format(max));
            }
            bool wraps = context.Kind == ParamKind.Int64 && max - min > long.MaxValue;
            return context.Spec((long)count, new RangeValues(Format(min), Format(stepValue), Format(last), wraps));
        }

        private bool TryReadBound(ParamContext context, string which, TypedConstant argument, out decimal value)
        {
            value = 0;
            switch (argument.Value)
            {
                case long whole:
                    value = whole;
                    break;
                case double number:
                    if (IsNotFinite(context, which, number))
                        return false;
                    if (context.Kind is ParamKind.Int32 or ParamKind.Int64 && number != Math.Floor(number))
                    {
                        NotRepresentable(context, $"{which} {Format(number)}", context.TypeName);
                        return false;
                    }
                    if (!TryToDecimal(number, out value))
                    {
                        NotRepresentable(context, $"{which} {Format(number)}", "a decimal (ranges are computed in decimal)");
                        return false;
                    }
                    break;
                default:
                    HasErrors = true;
                    return false;
            }
            if (!FitsInteger(context.Kind, value))
            {
                NotRepresentable(context, $"{which} {Format(value)}", context.TypeName);
                return false;
            }
            return true;
        }

        private ParamSpec? ParseValueList(ParamContext context, TypedConstant values)
        {
            if (values.IsNull)
                return Invalid(context, "Values is null");
            if (values.Kind != TypedConstantKind.Array)
                return Invalid(context, $"Values must be an array of {context.TypeName}, not the single value {values.ToCSharpString()}");
            if (values.Values.Length == 0)
                return Invalid(context, "Values is empty");

            var literals = new List<string>();
            var seen = new HashSet<object>();
            foreach (TypedConstant element in values.Values)
            {
                if (!TryConvertValue(context, element, out string literal, out object key))
                    return null;
                if (!seen.Add(key))
                    return Invalid(context, $"the value {element.ToCSharpString()} appears twice in Values");
                literals.Add(literal);
            }
            return context.Spec(literals.Count, new ListValues("", new EquatableArray<string>(literals.ToArray())));
        }

        private bool TryConvertValue(ParamContext context, TypedConstant element, out string literal, out object key)
        {
            literal = "";
            key = 0m;
            object? value = element.Value;
            string shown = element.ToCSharpString();
            bool isIntegral = element.Kind == TypedConstantKind.Primitive && value is sbyte or byte or short or ushort or int or uint or long or ulong;
            bool isReal = element.Kind == TypedConstantKind.Primitive && value is float or double;
            switch (context.Kind)
            {
                case ParamKind.Int32 or ParamKind.Int64 when isIntegral:
                    decimal whole = Convert.ToDecimal(value, CultureInfo.InvariantCulture);
                    if (!FitsInteger(context.Kind, whole))
                    {
                        NotRepresentable(context, $"the value {shown}", context.TypeName);
                        return false;
                    }
                    literal = Format(whole);
                    key = whole;
                    return true;
                case ParamKind.Double when isIntegral || isReal:
                    double number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                    if (IsNotFinite(context, "the value", number))
                        return false;
                    literal = Format(number);
                    key = number;
                    return true;
                case ParamKind.Decimal when isIntegral || isReal:
                    double real = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                    if (IsNotFinite(context, "the value", real))
                        return false;
                    decimal exact;
                    if (isIntegral) exact = Convert.ToDecimal(value, CultureInfo.InvariantCulture);
                    else if (!TryToDecimal(real, out exact))
                    {
                        NotRepresentable(context, $"the value {shown}", "decimal");
                        return false;
                    }
                    literal = Format(exact) + "m";
                    key = exact;
                    return true;
                case ParamKind.Boolean when value is bool flag:
                    literal = flag ? "true" : "false";
                    key = flag;
                    return true;
                case ParamKind.Enum when element.Kind == TypedConstantKind.Enum
                                         && SymbolEqualityComparer.Default.Equals(element.Type, context.MemberType):
                    decimal underlying = Convert.ToDecimal(value, CultureInfo.InvariantCulture);
                    IFieldSymbol? field = EnumMembers(context.MemberType)
                        .FirstOrDefault(f => Convert.ToDecimal(f.ConstantValue, CultureInfo.InvariantCulture) == underlying);
                    literal = field is not null
                        ? $"{context.TypeName}.{Identifier(field.Name)}"
                        : $"({context.TypeName})({Format(underlying)})";
                    key = underlying;
                    return true;
                default:
                    string elementType = element.Type?.ToDisplayString() ?? "null";
                    Invalid(context, $"the value {shown} in Values is of type {elementType}, not {context.TypeName}");
                    return false;
            }
        }

        private ParamSpec? ParseEnumMembers(ParamContext context)
        {
            var literals = new List<string>();
            var seen = new HashSet<decimal>();
            foreach (IFieldSymbol field in EnumMembers(context.MemberType))
            {
                // Aliases (two names for one value) would make a combination appear twice; the first name wins.
                if (seen.Add(Convert.ToDecimal(field.ConstantValue, CultureInfo.InvariantCulture)))
                    literals.Add($"{context.TypeName}.{Identifier(field.Name)}");
            }
            if (literals.Count == 0)
                return Invalid(context, $"the enum {context.TypeName} has no members");
            return context.Spec(literals.Count, new ListValues("", new EquatableArray<string>(literals.ToArray())));
        }

        private static IEnumerable<IFieldSymbol> EnumMembers(ITypeSymbol enumType) =>
            enumType.GetMembers().OfType<IFieldSymbol>().Where(f => f.HasConstantValue);

        private static string Describe(IParameterSymbol parameter)
        {
            string modifier = parameter.RefKind switch
            {
                RefKind.None => "",
                RefKind.RefReadOnlyParameter => "ref readonly ",
                _ => parameter.RefKind.ToString().ToLowerInvariant() + " ",
            };
            return modifier + parameter.Type.ToDisplayString();
        }

        private static bool FitsInteger(ParamKind kind, decimal value) => kind switch
        {
            ParamKind.Int32 => value >= int.MinValue && value <= int.MaxValue,
            ParamKind.Int64 => value >= long.MinValue && value <= long.MaxValue,
            _ => true,
        };

        private static bool TryToDecimal(double value, out decimal result)
        {
            if (Math.Abs(value) >= 7.9e28)
            {
                result = 0;
                return false;
            }
            // Whole numbers convert exactly (2^62 stays 4611686018427387904); fractions go through
            // new decimal(double), which rounds to 15 significant digits, so 0.1 becomes exactly 0.1m.
            result = value == Math.Floor(value) ? (decimal)new BigInteger(value) : new decimal(value);
            return true;
        }

        private static string UniqueStem(string name, HashSet<string> used)
        {
            string trimmed = name.TrimStart('_');
            string stem = trimmed.Length == 0 ? "parameter" : char.ToLowerInvariant(trimmed[0]) + trimmed.Substring(1);
            string unique = stem;
            for (int i = 2; !used.Add(unique); i++) unique = stem + i.ToString(CultureInfo.InvariantCulture);
            return unique;
        }

        private static string Identifier(string name) => SymbolNames.Identifier(name);

        private static string Format(decimal value) => value.ToString(CultureInfo.InvariantCulture);

        private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

        private ParamSpec? Invalid(ParamContext context, string problem)
        {
            Report(DiagnosticDescriptors.InvalidRange, context.Member, context.Member.Name, problem);
            return null;
        }

        private bool IsNotFinite(ParamContext context, string what, double value)
        {
            if (!double.IsNaN(value) && !double.IsInfinity(value)) return false;
            Invalid(context, $"{what} {Format(value)} is not a finite number");
            return true;
        }

        private ParamSpec? NotRepresentable(ParamContext context, string what, string asWhat)
        {
            Report(DiagnosticDescriptors.NotRepresentable, context.Member, context.Member.Name, what, asWhat);
            return null;
        }

        /// <summary>What every check of one [Param] member needs; never stored in a model.</summary>
        private sealed record ParamContext(ISymbol Member, ITypeSymbol MemberType, ParamKind Kind, string TypeName, string Stem)
        {
            public ParamSpec Spec(long count, ParamValues values) => new(Identifier(Member.Name), Member.Name, Stem, TypeName, Kind, count, values);
        }

        /// <summary>A parsed [Param] member, its model and its sweep column; never stored in a model.</summary>
        private sealed record ParsedParam(ISymbol Member, ParamSpec Spec, string ColumnName);
    }
}
