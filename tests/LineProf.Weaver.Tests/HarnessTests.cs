using LineProf.Weaver.Tests.Corpus;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace LineProf.Weaver.Tests;

/// <summary>The equivalence tests' own tools catch what they are there to catch.</summary>
public sealed class HarnessTests
{
    [Test]
    public void The_jit_pass_reports_invalid_IL_in_plain_generic_and_nested_generic_methods()
    {
        using var folder = new TempFolder("harness");
        var broken = CorpusBuild.Release.CopyTo(folder.Path);
        using (var module = ModuleDefinition.ReadModule(CorpusBuild.Release.AssemblyPath))
        {
            var methods = module.GetTypes().SelectMany(t => t.Methods).Where(m => m.HasBody).ToList();
            Break(methods.Single(m => m.Name == "Map" && m.DeclaringType.Name == "Box`1"));                  // generic method of a generic class
            Break(methods.Single(m => m.Name == "Swap"));                                                    // method of a generic struct
            Break(methods.Single(m => m.Name == "MoveNext" && m.DeclaringType.Name.StartsWith("<Pairs>", StringComparison.Ordinal))); // generic iterator
            Break(methods.Single(m => m.Name == "IfElse"));
            module.Write(broken);
        }

        var (_, failures) = JitCompiler.CompileAll(CorpusLoadContext.Load("broken", broken));
        Assert.Multiple(() =>
        {
            Assert.That(failures, Has.Some.Contains("Map[").And.Some.Contains("Swap()").And.Some.Contains("<Pairs>").And.Some.Contains("IfElse("));
            Assert.That(failures.Where(f => f.Contains("<Pairs>", StringComparison.Ordinal)).ToList(), Has.Count.EqualTo(3), "once per instantiation: int, string and object");
            Assert.That(failures, Has.All.Contains(nameof(InvalidProgramException)));
        });
    }

    /// <summary>A pop on an empty stack: the JIT must refuse the method.</summary>
    private static void Break(MethodDefinition method) =>
        method.Body.GetILProcessor().InsertBefore(method.Body.Instructions[0], Instruction.Create(OpCodes.Pop));
}
