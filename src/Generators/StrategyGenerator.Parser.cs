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
        // same name would not compile.
        private static readonly HashSet<string> ReservedParamNames = new(StringComparer.Ordinal)
        {
            "StrategyName", "Grid", "Create", "GetParameters", "CreateDriver", "Parameters", "Driver",
            "Count", "GridCount", "From", "FromGridIndex", "ToGridIndex", "Equals", "GetHashCode", "ToString",
            "Deconstruct", "EqualityContract", "PrintMembers", "GetType", "MemberwiseClone", "Finalize",
            "ParameterNames", "FormatValue", "WithValue", "RegisterWithStrategyCatalog", "ArrowSchema", "CreateColumns", "Columns", "ReadRow",
        };

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
            List<ParamSpec> parameters = ParseParameters(type, cancellationToken);
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
            return new StrategySpec(
                SymbolNames.Namespace(type),
                Identifier(type.Name),
                type.ToDisplayString(TypeFormat),
                keyword,
                SymbolDisplay.FormatLiteral(name, quote: true),
                SymbolNames.HintName(type, "Strategy"),
                new EquatableArray<ParamSpec>(parameters.ToArray()),
                new EquatableArray<HandlerSpec>(handlers.ToArray()),
                gridCount);
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

            if (type.TypeKind != TypeKind.Class) return;
            if (type.IsStatic)
                Report(DiagnosticDescriptors.NoParameterlessConstructor, type, type.Name, "it is static");
            else if (type.IsAbstract)
                Report(DiagnosticDescriptors.NoParameterlessConstructor, type, type.Name, "it is abstract");
            else if (!type.InstanceConstructors.Any(c => c.Parameters.All(p => p.IsOptional || p.IsParams)))
                Report(DiagnosticDescriptors.NoParameterlessConstructor, type, type.Name, "it has no parameterless constructor");
        }

        private long CountGrid(INamedTypeSymbol type, List<ParamSpec> parameters)
        {
            long count = 1;
            foreach (ParamSpec parameter in parameters)
            {
                try
                {
                    count = checked(count * parameter.Count);
                }
                catch (OverflowException)
                {
                    string product = string.Join(" x ", parameters.Select(p => p.Count.ToString(CultureInfo.InvariantCulture)));
                    Report(DiagnosticDescriptors.GridTooLarge, type, type.Name, product);
                    return 0;
                }
            }
            return count;
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
                    if (!Known.TryGetHandlerKind(attribute.AttributeClass, out HandlerEvent handlerEvent, out INamedTypeSymbol? eventType)) continue;
                    if (firstByEvent.TryGetValue(handlerEvent, out IMethodSymbol? first))
                    {
                        Report(DiagnosticDescriptors.DuplicateHandler, method, method.Name, AttributeName(handlerEvent), first.Name);
                        continue;
                    }
                    firstByEvent[handlerEvent] = method;
                    if (ParseHandler(method, handlerEvent, eventType) is { } handler) handlers.Add(handler);
                }
            }
            return handlers;
        }

        private HandlerSpec? ParseHandler(IMethodSymbol method, HandlerEvent handlerEvent, INamedTypeSymbol? eventType)
        {
            string attributeName = AttributeName(handlerEvent);
            if (method.IsStatic)
            {
                Report(DiagnosticDescriptors.StaticHandler, method, method.Name, attributeName);
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
            return new HandlerSpec(handlerEvent, Identifier(method.Name), passesByIn, parameters.Length > eventParameters);
        }

        private List<ParamSpec> ParseParameters(INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            var parameters = new List<ParamSpec>();
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
                if (ParseParameter(member, memberType, attribute, usedStems) is { } parameter) parameters.Add(parameter);
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
                ParamKind.Boolean => context.Spec(ParamSource.Boolean, 2),
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
            return context.Spec(ParamSource.Range, (long)count) with
            {
                Min = Format(min),
                Step = Format(stepValue),
                Last = Format(last),
                NeedsUnchecked = wraps,
            };
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
            return context.Spec(ParamSource.Values, literals.Count) with { Values = new EquatableArray<string>(literals.ToArray()) };
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
            return context.Spec(ParamSource.Values, literals.Count) with { Values = new EquatableArray<string>(literals.ToArray()) };
        }

        private static IEnumerable<IFieldSymbol> EnumMembers(ITypeSymbol enumType) =>
            enumType.GetMembers().OfType<IFieldSymbol>().Where(f => f.HasConstantValue);

        private static string AttributeName(HandlerEvent handlerEvent) => "On" + handlerEvent;

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
            public ParamSpec Spec(ParamSource source, long count) => new(
                Identifier(Member.Name), Stem, SymbolNames.ToSnakeCase(Member.Name), TypeName, Kind, source, count, "", "", "", false, EquatableArray<string>.Empty);
        }
    }
}
