using System;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace Backtester.Generators.Tests;

/// <summary>
/// User source plus generated code, compiled and loaded into a collectible context that is unloaded on dispose.
/// The context resolves nothing itself, so Backtester.Sdk and the framework come from the default context and
/// the test shares their types (IStrategyDriver, Trade, ...) with the loaded code.
/// </summary>
internal sealed class LoadedAssembly : IDisposable
{
    private readonly Context _context = new();

    public LoadedAssembly(params string[] sources)
    {
        using var image = new MemoryStream(GeneratorHarness.EmitAssembly(sources));
        Assembly = _context.LoadFromStream(image);
    }

    public Assembly Assembly { get; }

    public Type GetType(string name) => Assembly.GetType(name, throwOnError: true)!;

    public void Dispose() => _context.Unload();

    private sealed class Context : AssemblyLoadContext
    {
        public Context() : base("UserStrategies", isCollectible: true) { }

        protected override Assembly? Load(AssemblyName assemblyName) => null;
    }
}
