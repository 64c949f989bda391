using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Backtester.Generators.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Backtester.Generators;

public sealed partial class ArrowRecordGenerator
{
    /// <summary>
    /// Symbols in, model out. The generator and <see cref="ArrowRecordAnalyzer"/> both run it: the analyzer reports
    /// the collected diagnostics, the generator skips a record that has an error.
    /// </summary>
    internal sealed class Parser : DeclarationParser
    {
        public Parser(KnownSymbols known, List<Diagnostic> diagnostics)
            : base(known, diagnostics)
        {
        }

        /// <summary>The model of <paramref name="type"/>, or null when it has an error (reported to the diagnostics list).</summary>
        public ArrowRecordSpec? Parse(INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            CheckDeclaration(type, cancellationToken);
            IMethodSymbol? primary = PrimaryConstructor(type, cancellationToken);
            List<RecordMember> members = RecordMembers(type, primary).ToList();
            List<ArrowFieldSpec> fields = ParseFields(members, cancellationToken);
            if (HasErrors) return null;

            return new ArrowRecordSpec(
                SymbolNames.Namespace(type),
                SymbolNames.Identifier(type.Name),
                type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
                type.IsReadOnly,
                SymbolNames.HintName(type, "ArrowRecord"),
                new EquatableArray<ArrowFieldSpec>(fields.ToArray()),
                IsPositional: primary is not null,
                Readable: members.All(m => m.Settable));
        }

        private void CheckDeclaration(INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            if (type.Name.Length == 0)
            {
                // A declaration without a name: the compiler reports it.
                HasErrors = true;
                return;
            }
            string? notRecordStruct = (type.IsRecord, type.TypeKind) switch
            {
                (true, TypeKind.Struct) => null,
                (true, _) => "it is a record class",
                (false, TypeKind.Struct) => "it is a struct, not a record struct",
                (false, TypeKind.Class) => "it is a class",
                _ => $"it is {type.TypeKind.ToString().ToLowerInvariant()}",
            };
            if (notRecordStruct is not null)
            {
                Report(DiagnosticDescriptors.ArrowRecordNotPartialRecordStruct, type, type.Name, notRecordStruct);
                return;
            }
            if (SymbolNames.FirstNonPartialDeclaration(type, cancellationToken) is { } declaration)
                Report(DiagnosticDescriptors.ArrowRecordNotPartialRecordStruct, declaration.Identifier.GetLocation(), type.Name, "it is not partial");
            if (type.ContainingType is not null)
                Report(DiagnosticDescriptors.ArrowRecordNotTopLevelOrGeneric, type, type.Name, $"it is nested in '{type.ContainingType.Name}'");
            else if (type.IsGenericType)
                Report(DiagnosticDescriptors.ArrowRecordNotTopLevelOrGeneric, type, type.Name, "it is generic");
        }

        private List<ArrowFieldSpec> ParseFields(List<RecordMember> members, CancellationToken cancellationToken)
        {
            var fields = new List<ArrowFieldSpec>();
            var memberByColumn = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (RecordMember member in members)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (ParseField(member) is not { } field) continue;
                if (memberByColumn.TryGetValue(field.ColumnName, out string? first))
                {
                    Report(DiagnosticDescriptors.DuplicateArrowColumnName, member.Location, member.Name, first, field.ColumnName);
                    continue;
                }
                memberByColumn.Add(field.ColumnName, member.Name);
                fields.Add(field);
            }
            return fields;
        }

        private ArrowFieldSpec? ParseField(RecordMember member)
        {
            ITypeSymbol type = member.Type;
            if (type.TypeKind == TypeKind.Error)
            {
                // The compiler reports the unknown type.
                HasErrors = true;
                return null;
            }
            string name = SymbolNames.Identifier(member.Name);
            string column = SymbolNames.ToSnakeCase(member.Name);
            string memberType = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
            if (member.Attributes.Any(Known.IsArrowTimestamp))
            {
                if (type.SpecialType == SpecialType.System_Int64)
                    return new ArrowFieldSpec(name, column, ArrowFieldKind.Timestamp, "long", IsEnum: false, EnumMembers: "", MemberType: memberType);
                Report(DiagnosticDescriptors.ArrowTimestampNotLong, member.Location, member.Name, type.ToDisplayString());
                return null;
            }
            switch (type.SpecialType)
            {
                case SpecialType.System_Boolean:
                    return new ArrowFieldSpec(name, column, ArrowFieldKind.Boolean, "", IsEnum: false, EnumMembers: "", MemberType: memberType);
                case SpecialType.System_String:
                    return new ArrowFieldSpec(name, column, ArrowFieldKind.Utf8, "", IsEnum: false, EnumMembers: "", MemberType: memberType);
            }
            if (type is INamedTypeSymbol { TypeKind: TypeKind.Enum, EnumUnderlyingType: { } underlying }
                && MapInteger(underlying.SpecialType) is var (enumKind, enumValueType))
            {
                return new ArrowFieldSpec(name, column, enumKind, enumValueType, IsEnum: true, EnumMembers: DescribeEnum(type), MemberType: memberType);
            }
            if (type.TypeKind != TypeKind.Enum && MapInteger(type.SpecialType) is var (kind, valueType))
                return new ArrowFieldSpec(name, column, kind, valueType, IsEnum: false, EnumMembers: "", MemberType: memberType);

            Report(DiagnosticDescriptors.UnsupportedArrowFieldType, member.Location, member.Name, type.ToDisplayString());
            return null;
        }

        /// <summary>The Arrow kind and C# keyword of a fixed-width numeric type; null when Arrow records do not support it.</summary>
        private static (ArrowFieldKind Kind, string ValueType)? MapInteger(SpecialType type) => type switch
        {
            SpecialType.System_Int64 => (ArrowFieldKind.Int64, "long"),
            SpecialType.System_Int32 => (ArrowFieldKind.Int32, "int"),
            SpecialType.System_Int16 => (ArrowFieldKind.Int16, "short"),
            SpecialType.System_SByte => (ArrowFieldKind.Int8, "sbyte"),
            SpecialType.System_Byte => (ArrowFieldKind.UInt8, "byte"),
            SpecialType.System_Double => (ArrowFieldKind.Double, "double"),
            SpecialType.System_Single => (ArrowFieldKind.Float, "float"),
            _ => null,
        };

        private static string DescribeEnum(ITypeSymbol enumType)
        {
            IEnumerable<string> members = enumType.GetMembers()
                .OfType<IFieldSymbol>()
                .Where(f => f.HasConstantValue)
                .Select(f => f.Name + "=" + Convert.ToString(f.ConstantValue, CultureInfo.InvariantCulture));
            return string.Join(",", members);
        }

        private static IMethodSymbol? PrimaryConstructor(INamedTypeSymbol type, CancellationToken cancellationToken) =>
            type.InstanceConstructors.FirstOrDefault(c => c.DeclaringSyntaxReferences
                .Any(r => r.GetSyntax(cancellationToken) is RecordDeclarationSyntax { ParameterList: not null }));

        /// <summary>
        /// The members that become columns, in declaration order: for a positional record its primary-constructor
        /// parameters, otherwise its public instance properties and fields with a getter.
        /// </summary>
        private static IEnumerable<RecordMember> RecordMembers(INamedTypeSymbol type, IMethodSymbol? primary)
        {
            if (primary is not null)
            {
                foreach (IParameterSymbol parameter in primary.Parameters)
                {
                    ISymbol? property = type.GetMembers(parameter.Name).FirstOrDefault(m => !m.IsStatic && m is IPropertySymbol or IFieldSymbol);
                    var attributes = property is null ? parameter.GetAttributes() : parameter.GetAttributes().AddRange(property.GetAttributes());
                    yield return new RecordMember(parameter.Name, parameter.Type, attributes, parameter.Locations.FirstOrDefault(), Settable: true);
                }
                yield break;
            }
            foreach (ISymbol member in type.GetMembers())
            {
                if (member.IsStatic || member.IsImplicitlyDeclared || member.DeclaredAccessibility != Accessibility.Public) continue;
                switch (member)
                {
                    case IPropertySymbol { IsIndexer: false, GetMethod.DeclaredAccessibility: Accessibility.Public } property:
                        yield return new RecordMember(property.Name, property.Type, property.GetAttributes(), property.Locations.FirstOrDefault(),
                            Settable: property.SetMethod is { DeclaredAccessibility: Accessibility.Public });
                        break;
                    case IFieldSymbol { IsConst: false } field:
                        yield return new RecordMember(field.Name, field.Type, field.GetAttributes(), field.Locations.FirstOrDefault(), Settable: !field.IsReadOnly);
                        break;
                }
            }
        }

        /// <summary>A member that becomes a column: its name, type, the attributes on it (and on its parameter) and where to report; never stored in a model.</summary>
        private sealed record RecordMember(string Name, ITypeSymbol Type, IEnumerable<AttributeData> Attributes, Location? Location, bool Settable);
    }
}
