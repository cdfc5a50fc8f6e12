using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using LineProf.Weaving.Files;
using LineProf.Weaving.Symbols;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace LineProf.Weaving
{
    /// <summary>
    /// Weaves an assembly file in place, with its symbols in the same form (embedded or portable). Whatever goes
    /// wrong, the files on disk are either the compiler's originals or the complete woven pair: the new assembly
    /// and PDB are written to a temporary folder first and moved over the originals only when both are complete.
    /// </summary>
    public sealed class AssemblyWeaver
    {
        private readonly IWeaveLog _log;

        public AssemblyWeaver(IWeaveLog log)
        {
            _log = log;
        }

        public WeaveResult Weave(WeaveRequest request)
        {
            var path = request.AssemblyPath;
            var name = Path.GetFileName(path);
            var clock = Stopwatch.StartNew();
            try
            {
                if (!File.Exists(path))
                    return Error("LP0201", $"{path} does not exist. LineProf weaves the compiler's output; make sure the LineProf targets run after compilation.");

                var runtime = ReadRuntimeName(request.RuntimeAssemblyPath);
                if (runtime == null) return WeaveResult.NotWoven();

                // Two builds can compile and weave one shared library at once (two apps built in parallel); they take
                // turns, and the second finds the library woven. Staging left by a build killed mid-write goes here too.
                using var turn = WeaveLock.Acquire(path);
                if (turn == null)
                    return Error("LP0205", $"Another build kept {name} locked for weaving for {WeaveLock.Timeout.TotalSeconds} s. " +
                        "It was left as it was; build again once the other build has finished.", path);
                RemoveStaleStaging(path);

                var unreadable = FileRetry.Until(() => FileRetry.Readable(path, SymbolFiles.PdbPathOf(path)));
                if (unreadable != null)
                    return Error("LP0206", $"{unreadable}, so LineProf could not weave it. Close what holds it (an editor, a running " +
                        "copy of the app, another build) and build again. Nothing was changed.", path);

                using var resolver = new ReferenceResolver(request.ReferencePaths, path);
                ModuleDefinition module;
                try
                {
                    module = ModuleDefinition.ReadModule(path, new ReaderParameters
                    {
                        AssemblyResolver = resolver,
                        ReadingMode = ReadingMode.Deferred,
                        InMemory = true,
                        ReadSymbols = false,
                    });
                }
                catch (Exception e) when (e is BadImageFormatException || e is InvalidOperationException || e is ArgumentException || e is EndOfStreamException)
                {
                    return Error("LP0202", $"{path} is not a .NET assembly or is corrupt ({e.Message}). It was left as it was; rebuild the project.", path);
                }

                using (module)
                {
                    if (Rewriting.LineMapEmitter.IsWoven(module))
                    {
                        _log.Write(WeaveMessageLevel.Detail, "LP0002", $"{name} already has LineProf probes; left as it is.");
                        return WeaveResult.AlreadyWoven();
                    }

                    var form = SymbolFiles.FormOf(module, path);
                    if (!ReadSymbols(module, form, path)) return WeaveResult.NotWoven();

                    var result = new ModuleWeaver(request.Options, _log).Weave(module, runtime);
                    if (result.Outcome == WeaveOutcome.NothingToWeave && !HasLineInformation(module))
                    {
                        _log.Write(WeaveMessageLevel.Warning, "LP0108", $"{name} has a PDB without line information (no sequence points), " +
                            "so LineProf cannot tell which IL is which line. Build it from its sources with <DebugType>portable</DebugType> " +
                            "(or embedded) and <DebugSymbols>true</DebugSymbols>, before any tool that rewrites it. The assembly was left as it was.", path);
                        return result;
                    }

                    if (result.Outcome == WeaveOutcome.NothingToWeave)
                    {
                        _log.Write(WeaveMessageLevel.Warning, "LP0103", $"{name} has no lines to profile: no method with sequence points " +
                            "was selected. Check LineProfileInclude/LineProfileExclude and [NoLineProfile]. The assembly was left as it was.", path);
                        return result;
                    }

                    if (!WriteInPlace(module, form, path, request.StrongNameKeyFile)) return WeaveResult.NotWoven();

                    if (result.MissingSources > 0)
                        _log.Write(WeaveMessageLevel.Detail, "LP0106", $"{result.MissingSources} source file(s) of {name} could not be read; their lines appear in reports without source text.");
                    _log.Write(WeaveMessageLevel.Information, "LP0001",
                        $"LineProf wove {name}: {result.Lines} lines in {result.Methods} methods ({clock.ElapsedMilliseconds} ms).");
                    return result;
                }
            }
            catch (Exception e)
            {
                return Error("LP0299", $"LineProf failed to weave {name}: {e.GetType().Name}: {e.Message}. The assembly was left as it was. " +
                    "This is a LineProf bug; please report it with this message. To build without profiling, set LineProfile to false.\n" + e, path);
            }
        }

        private AssemblyNameReference? ReadRuntimeName(string runtimePath)
        {
            try
            {
                using var runtime = ModuleDefinition.ReadModule(runtimePath, new ReaderParameters { InMemory = true });
                var name = ProbeRuntime.ReferenceTo(runtime);
                if (name == null)
                    Error("LP0203", $"{runtimePath} is not a LineProf.Runtime this weaver can call. Use the LineProf package's own runtime.");
                return name;
            }
            catch (Exception e) when (e is IOException || e is BadImageFormatException || e is UnauthorizedAccessException)
            {
                Error("LP0203", $"LineProf.Runtime could not be read from {runtimePath}: {e.Message}");
                return null;
            }
        }

        private bool ReadSymbols(ModuleDefinition module, SymbolForm form, string path)
        {
            var name = Path.GetFileName(path);
            switch (form)
            {
                case SymbolForm.None:
                    _log.Write(WeaveMessageLevel.Warning, "LP0101", $"{name} has no PDB, so LineProf cannot tell which IL is which line. " +
                        "Set <DebugType>portable</DebugType> (or embedded) and <DebugSymbols>true</DebugSymbols>. The assembly was left as it was.", path);
                    return false;
                case SymbolForm.Windows:
                    _log.Write(WeaveMessageLevel.Warning, "LP0102", $"{name} has a Windows PDB, which LineProf does not read. " +
                        "Set <DebugType>portable</DebugType> (or embedded). The assembly was left as it was.", path);
                    return false;
            }

            try
            {
                module.ReadSymbols(SymbolFiles.Reader(module, form, path), throwIfSymbolsAreNotMaching: true);
                return true;
            }
            catch (SymbolsNotMatchingException)
            {
                _log.Write(WeaveMessageLevel.Warning, "LP0104", $"The PDB of {name} belongs to another build of it. Rebuild the project. " +
                    "The assembly was left as it was.", path);
                return false;
            }
            catch (Exception e) when (e is BadImageFormatException || e is InvalidOperationException || e is IOException)
            {
                _log.Write(WeaveMessageLevel.Warning, "LP0104", $"The PDB of {name} cannot be read ({e.Message}). Rebuild the project. " +
                    "The assembly was left as it was.", path);
                return false;
            }
        }

        /// <summary>Staging folders of builds killed before they finished: the originals beside them were never touched.</summary>
        private void RemoveStaleStaging(string path)
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
            foreach (var stale in Directory.EnumerateDirectories(folder, StagedWrite.FolderPrefix + "*"))
            {
                try
                {
                    Directory.Delete(stale, recursive: true);
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    _log.Write(WeaveMessageLevel.Detail, "LP0107", $"Could not remove LineProf's temporary folder {stale}: {e.Message}");
                }
            }
        }

        private bool WriteInPlace(ModuleDefinition module, SymbolForm form, string path, string? keyFile)
        {
            StagedWrite staged;
            try
            {
                staged = new StagedWrite(path);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                Error("LP0204", $"LineProf cannot write beside {path}: {e.Message} The original was left as it was.", path);
                return false;
            }

            try
            {
                var parameters = new WriterParameters
                {
                    WriteSymbols = true,
                    SymbolWriterProvider = RecordedPdbPath.Keep(SymbolFiles.Writer(form), module),
                    DeterministicMvid = true,
                };
                if (!string.IsNullOrEmpty(keyFile)) parameters.StrongNameKeyBlob = File.ReadAllBytes(keyFile);
                module.Write(staged.PathFor(path), parameters);

                // The PDB moves first and the assembly last, so a build killed between the two leaves the old assembly
                // with a PDB that does not match it, which the next weave reports (LP0104), never woven code without lines.
                var targets = form == SymbolForm.Portable ? new[] { SymbolFiles.PdbPathOf(path), path } : new[] { path };
                var problem = staged.ReplaceAll(targets);
                if (problem == null) return true;

                Error("LP0204", $"{problem}, so its woven version could not take its place. Make it writable, or close what holds it " +
                    "(an editor, a running copy of the app, another build), and build again. The original was left as it was.", path);
                return false;
            }
            catch (IOException e)
            {
                Error("LP0204", $"LineProf could not write the woven {Path.GetFileName(path)}: {e.Message} The original was left as it was.", path);
                return false;
            }
            finally
            {
                var leftOver = staged.Clean();
                if (leftOver != null) _log.Write(WeaveMessageLevel.Detail, "LP0107", $"Could not remove LineProf's temporary folder beside {path}: {leftOver}");
            }
        }

        /// <summary>Whether any method has a sequence point that is not hidden: the lines LineProf probes.</summary>
        private static bool HasLineInformation(ModuleDefinition module) =>
            module.GetTypes().SelectMany(t => t.Methods).Any(m => VisibleLines.First(m) != null);

        private WeaveResult Error(string code, string message, string? file = null)
        {
            _log.Write(WeaveMessageLevel.Error, code, message, file);
            return WeaveResult.NotWoven();
        }
    }
}
