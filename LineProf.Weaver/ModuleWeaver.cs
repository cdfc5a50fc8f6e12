using System.Collections.Generic;
using System.Linq;
using LineProf.Weaving.Planning;
using LineProf.Weaving.Rewriting;
using LineProf.Weaving.Symbols;
using Mono.Cecil;

namespace LineProf.Weaving
{
    /// <summary>
    /// Weaves a module that is already in memory with its symbols: plans every selected method, emits the line
    /// map, then rewrites the methods. Reading and writing files is the caller's job (the MSBuild task through
    /// <see cref="AssemblyWeaver"/>, or Fody), so both share exactly this core.
    /// </summary>
    public sealed class ModuleWeaver
    {
        private readonly WeaveOptions _options;
        private readonly IWeaveLog _log;

        public ModuleWeaver(WeaveOptions options, IWeaveLog log)
        {
            _options = options;
            _log = log;
        }

        /// <summary>
        /// Weaves <paramref name="module"/> in place. <paramref name="runtime"/> names the LineProf.Runtime assembly
        /// the probes call. The module is unchanged unless the result says it was woven.
        /// </summary>
        public WeaveResult Weave(ModuleDefinition module, AssemblyNameReference runtime)
        {
            if (LineMapEmitter.IsWoven(module)) return WeaveResult.AlreadyWoven();

            var origins = new MethodOrigins(module);
            var sources = new SourceLines(_options.PathMap);
            var generated = _options.IncludeGeneratedCode ? null : new GeneratedCode(_options.GeneratedFolders, _options.PathMap, sources);
            var selector = new MethodSelector(module, _options, origins, generated);
            var lineMap = new LineMapBuilder(sources);
            var planner = new MethodPlanner(origins, lineMap, _options.TimeSmallMembers);

            var plans = new List<MethodPlan>();
            foreach (var type in module.GetTypes().ToList())
            {
                foreach (var method in type.Methods)
                {
                    if (selector.Select(method, out var reason)) plans.Add(planner.Plan(method));
                    else if (reason != null) _log.Write(WeaveMessageLevel.Detail, "LP0105", reason);
                }
            }

            if (generated != null && generated.Skipped > 0)
            {
                _log.Write(WeaveMessageLevel.Detail, "LP0109", $"{generated.Skipped} generated method(s) were left unwoven, in " +
                    string.Join(", ", generated.Where.Take(5)) + (generated.Where.Count > 5 ? $" and {generated.Where.Count - 5} more" : "") +
                    ". Set <LineProfileGeneratedCode>true</LineProfileGeneratedCode> to profile generated code too.");
            }

            plans.RemoveAll(p => p.Sites.Count == 0);
            if (plans.Count == 0) return WeaveResult.NothingToWeave();

            var calls = new ProbeCalls(module, runtime);
            var fields = LineMapEmitter.Emit(module, calls, lineMap.Entries());
            var rewriter = new MethodRewriter(calls, fields);
            foreach (var plan in plans) rewriter.Rewrite(plan);

            return WeaveResult.Woven(plans.Count, lineMap.Count, sources.MissingDocuments);
        }
    }
}
