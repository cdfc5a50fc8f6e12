using System.Collections.ObjectModel;
using System.Reflection;

namespace LineProf.Weaver.Tests.Corpus;

/// <summary>One [Case] of the corpus: a public static method of a corpus type and the arguments to call it with.</summary>
public sealed class CorpusCase
{
    private readonly object?[] _arguments;

    private CorpusCase(string typeName, string methodName, object?[] arguments)
    {
        TypeName = typeName;
        MethodName = methodName;
        _arguments = arguments;
    }

    public string TypeName { get; }
    public string MethodName { get; }

    /// <summary>The arguments as new objects each time: a case may change an array it was given.</summary>
    public object?[] FreshArguments() =>
        _arguments.Select(a => a is Array array ? (object)array.Clone() : a).ToArray();

    public override string ToString() =>
        $"{TypeName}.{MethodName}({string.Join(", ", _arguments.Select(ValueText.Of))})";

    /// <summary>Every case of the corpus, read from its attributes (by name: the attribute type lives in the corpus).</summary>
    public static IReadOnlyList<CorpusCase> All(Assembly corpus) =>
        corpus.GetTypes()
            .Where(t => t.Namespace == "LineProf.Corpus" && !t.IsNested)
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .OrderBy(m => m.MetadataToken)
                .SelectMany(m => m.GetCustomAttributesData()
                    .Where(a => a.AttributeType.Name == "CaseAttribute")
                    .Select(a => new CorpusCase(t.Name, m.Name, Arguments(a)))))
            .ToList();

    /// <summary>Loads the corpus in a throwaway context to list its cases (test discovery needs them up front).</summary>
    public static IReadOnlyList<CorpusCase> Discover()
    {
        var context = new System.Runtime.Loader.AssemblyLoadContext("corpus-discovery", isCollectible: true);
        try
        {
            return All(context.LoadFromAssemblyPath(CorpusBuild.Release.AssemblyPath));
        }
        finally
        {
            context.Unload();
        }
    }

    private static object?[] Arguments(CustomAttributeData attribute)
    {
        var values = (ReadOnlyCollection<CustomAttributeTypedArgument>)attribute.ConstructorArguments[0].Value!;
        return values.Select(Materialize).ToArray();
    }

    private static object? Materialize(CustomAttributeTypedArgument argument)
    {
        if (argument.Value is not ReadOnlyCollection<CustomAttributeTypedArgument> items) return argument.Value;
        var array = Array.CreateInstance(argument.ArgumentType.GetElementType()!, items.Count);
        for (int i = 0; i < items.Count; i++) array.SetValue(Materialize(items[i]), i);
        return array;
    }
}
