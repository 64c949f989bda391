using System;
using System.Collections.Generic;
using System.Collections.Immutable;
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
        /// <summary>
        /// The members the generated code adds to every record, what to call them in a message, and for methods the
        /// parameter count a user overload may not have.
        /// </summary>
        private static readonly (string Name, string Description, int? MethodParameters)[] GeneratedRecordMembers =
        {
            ("ArrowSchema", "property ArrowSchema", null),
            ("TableName", "property TableName", null),
            ("CreateColumns", "method CreateColumns()", 0),
            ("ReadRow", "method ReadRow(RecordBatch, int)", 2),
            ("Columns", "nested class Columns", null),
        };

        public Parser(KnownSymbols known, List<Diagnostic> diagnostics)
            : base(known, diagnostics)
        {
        }

        /// <summary>The model of <paramref name="type"/>, or null when it has an error (reported to the diagnostics list).</summary>
        public ArrowRecordSpec? Parse(INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            CheckDeclaration(type, cancellationToken);
            if (HasErrors && type.TypeKind != TypeKind.Struct) return null;
            CheckGeneratedMemberClashes(type);
            string? tableName = ParseTableName(type);
            IMethodSymbol? primary = PrimaryConstructor(type, cancellationToken);
            List<RecordMember> members = RecordMembers(type, primary).ToList();
            List<ArrowFieldSpec> fields = ParseFields(members, cancellationToken);
            if (HasErrors || tableName is null) return null;

            return new ArrowRecordSpec(
                SymbolNames.Namespace(type),
                SymbolNames.Identifier(type.Name),
                type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
                type.IsReadOnly,
                SymbolNames.HintName(type, "ArrowRecord"),
                tableName,
                new EquatableArray<ArrowFieldSpec>(fields.ToArray()),
                IsPositional: primary is not null,
                Readable: members.All(m => m.Settable));
        }

        /// <summary>
        /// The record's table name: [ArrowRecord(TableName = ...)] or the type name in snake_case (BT0109 when the
        /// given name is not one, BT0107 when the engine reserves it); null when it cannot be used.
        /// </summary>
        public string? ParseTableName(INamedTypeSymbol type)
        {
            AttributeData? attribute = type.GetAttributes().FirstOrDefault(Known.IsArrowRecord);
            TypedConstant? given = null;
            foreach (KeyValuePair<string, TypedConstant> argument in attribute?.NamedArguments ?? ImmutableArray<KeyValuePair<string, TypedConstant>>.Empty)
            {
                if (argument.Key == "TableName") given = argument.Value;
            }
            string name;
            if (given is null || given.Value.IsNull)
            {
                name = SymbolNames.ToSnakeCase(type.Name);
            }
            else if (given.Value.Value is string text)
            {
                name = text;
                if (TableNameProblem(name) is { } problem)
                {
                    Report(DiagnosticDescriptors.InvalidTableName, type, type.Name, name, problem);
                    return null;
                }
            }
            else
            {
                // The argument does not bind; the compiler reports why.
                HasErrors = true;
                return null;
            }
            if (ReservedNames.EngineTables.Contains(name))
            {
                Report(DiagnosticDescriptors.ReservedTableName, type, type.Name, name);
                return null;
            }
            return name;
        }

        private static string? TableNameProblem(string name)
        {
            if (name.Length == 0) return "it is empty";
            if (!char.IsLetter(name[0])) return $"it starts with '{name[0]}', not a letter";
            foreach (char c in name)
            {
                if (!(char.IsLetterOrDigit(c) || c is '_' or '-')) return $"it contains '{c}'";
            }
            return null;
        }

        /// <summary>BT0106 on the type, or on any member, that has the name of a generated record member.</summary>
        private void CheckGeneratedMemberClashes(INamedTypeSymbol type)
        {
            foreach (var generated in GeneratedRecordMembers)
            {
                if (type.Name == generated.Name)
                    Report(DiagnosticDescriptors.ArrowRecordMemberClash, type, type.Name, generated.Description + " (a member cannot have the name of its type)", type.Name);
                foreach (ISymbol member in type.GetMembers(generated.Name))
                {
                    if (generated.MethodParameters is int count && member is IMethodSymbol method && method.Parameters.Length != count) continue;
                    if (member.Locations.FirstOrDefault() is not { IsInSource: true }) continue;
                    Report(DiagnosticDescriptors.ArrowRecordMemberClash, member, member.Name, generated.Description, type.Name);
                }
            }
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
            else if (type.IsFileLocal)
                Report(DiagnosticDescriptors.ArrowRecordNotTopLevelOrGeneric, type, type.Name, "it is file-local, so the generated part in another file cannot extend it");
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
            string[] fieldNames = SymbolNames.ColumnFieldNames(fields.Select(f => f.MemberName.TrimStart('@')).ToList());
            return fields.Select((f, i) => f with { FieldName = fieldNames[i] }).ToList();
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
                    return Field(name, column, ArrowFieldKind.Timestamp, "long", isEnum: false, enumMembers: "", memberType);
                Report(DiagnosticDescriptors.ArrowTimestampNotLong, member.Location, member.Name, type.ToDisplayString());
                return null;
            }
            switch (type.SpecialType)
            {
                case SpecialType.System_Boolean:
                    return Field(name, column, ArrowFieldKind.Boolean, "", isEnum: false, enumMembers: "", memberType);
                case SpecialType.System_String:
                    return Field(name, column, ArrowFieldKind.Utf8, "", isEnum: false, enumMembers: "", memberType);
            }
            if (type is INamedTypeSymbol { TypeKind: TypeKind.Enum, EnumUnderlyingType: { } underlying }
                && MapInteger(underlying.SpecialType) is var (enumKind, enumValueType))
            {
                return Field(name, column, enumKind, enumValueType, isEnum: true, enumMembers: DescribeEnum(type), memberType);
            }
            if (type.TypeKind != TypeKind.Enum && MapInteger(type.SpecialType) is var (kind, valueType))
                return Field(name, column, kind, valueType, isEnum: false, enumMembers: "", memberType);

            Report(DiagnosticDescriptors.UnsupportedArrowFieldType, member.Location, member.Name, type.ToDisplayString());
            return null;
        }

        // The Columns field name is assigned once all fields are known (ParseFields).
        private static ArrowFieldSpec Field(string name, string column, ArrowFieldKind kind, string valueType, bool isEnum, string enumMembers, string memberType) =>
            new(name, column, "", kind, valueType, isEnum, enumMembers, AppendConversion.None, memberType);

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
