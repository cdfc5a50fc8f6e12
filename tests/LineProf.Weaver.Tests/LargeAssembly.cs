using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;

namespace LineProf.Weaver.Tests;

/// <summary>
/// A large assembly like real code: many types, each with plain methods, loops, switches, lambdas, async methods,
/// iterators, exception handlers and properties, compiled by Roslyn in Release with a portable PDB and its sources
/// on disk (the weaver reads each line's text).
/// </summary>
public static class LargeAssembly
{
    /// <summary>Writes the sources and compiles them into <paramref name="folder"/>; returns the assembly's path.</summary>
    public static string Build(string folder, int types, int groupsPerType)
    {
        var trees = new List<SyntaxTree>();
        for (int file = 0; file * 50 < types; file++)
        {
            var path = Path.Combine(folder, "src", $"Generated{file}.cs");
            trees.Add(Tree(path, Source(file * 50, Math.Min(types, (file + 1) * 50), groupsPerType)));
        }

        return Compile(folder, "Large", trees);
    }

    private static SyntaxTree Tree(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return CSharpSyntaxTree.ParseText(text, new CSharpParseOptions(LanguageVersion.Latest), path, Encoding.UTF8);
    }

    private static string Compile(string folder, string name, List<SyntaxTree> trees)
    {
        var references = Directory.EnumerateFiles(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(), "*.dll")
            .Where(IsManaged).Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create(name, trees, references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release, deterministic: true));

        var assembly = Path.Combine(folder, name + ".dll");
        using (var pe = File.Create(assembly))
        using (var pdb = File.Create(Path.ChangeExtension(assembly, ".pdb")))
        {
            var emitted = compilation.Emit(pe, pdb, options: new EmitOptions(debugInformationFormat: DebugInformationFormat.PortablePdb,
                pdbFilePath: Path.ChangeExtension(assembly, ".pdb")));
            if (!emitted.Success)
                throw new InvalidOperationException(string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(10)));
        }

        return assembly;
    }

    /// <summary>
    /// One method of <paramref name="returns"/> <c>if (x == k) return ...;</c> statements: in Release, as many
    /// branches and as many returns, each of which the weaver turns into a leave.
    /// </summary>
    public static string BuildOneLongMethod(string folder, int returns)
    {
        var text = new StringBuilder("public static class Long\n{\n    public static int Lookup(int x)\n    {\n");
        for (int k = 0; k < returns; k++) text.Append($"        if (x == {k}) return {k * 3};\n");
        text.Append("        return -1;\n    }\n}\n");
        return Compile(folder, "Long", [Tree(Path.Combine(folder, "src", "Long.cs"), text.ToString())]);
    }

    private static string Source(int firstType, int endType, int groupsPerType)
    {
        var code = new StringBuilder("""
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;

            namespace Generated
            {

            """);
        for (int t = firstType; t < endType; t++)
        {
            code.Append($$"""
                public class Type{{t}}
                {
                    private int _state;

                """);
            for (int g = 0; g < groupsPerType; g++)
            {
                code.Append($$"""
                        public int Value{{g}}
                        {
                            get { return _state + {{g}}; }
                            set { _state = value - {{g}}; }
                        }

                        public int Compute{{g}}(int x)
                        {
                            int sum = 0;
                            for (int k = 0; k < x; k++)
                            {
                                if (k % 3 == {{g % 3}}) sum += k;
                                else sum -= 1;
                            }

                            return sum;
                        }

                        public string Describe{{g}}(int x) => x switch
                        {
                            0 => "zero",
                            < 0 => "negative",
                            _ => "positive " + (x + {{g}}),
                        };

                        public int Filter{{g}}(int[] values) => values.Where(v => v > {{g}} + _state).Sum();

                        public async Task<int> Fetch{{g}}(int x)
                        {
                            await Task.Yield();
                            return x + {{g}};
                        }

                        public IEnumerable<int> Range{{g}}(int n)
                        {
                            for (int k = 0; k < n; k++) yield return k * {{g}};
                        }

                        public int Parse{{g}}(string s)
                        {
                            try
                            {
                                return int.Parse(s) + {{g}};
                            }
                            catch (FormatException)
                            {
                                return -1;
                            }
                            finally
                            {
                                _state++;
                            }
                        }


                    """);
            }

            code.Append("    }\n\n");
        }

        return code.Append("}\n").ToString();
    }

    private static bool IsManaged(string path)
    {
        try
        {
            System.Reflection.AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}
