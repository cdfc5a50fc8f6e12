using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
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
        private static readonly TimeSpan[] s_replaceRetries =
            { TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1) };

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

        private bool WriteInPlace(ModuleDefinition module, SymbolForm form, string path, string? keyFile)
        {
            var staging = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".", ".lineprof-" + Guid.NewGuid().ToString("N").Substring(0, 12));
            Directory.CreateDirectory(staging);
            try
            {
                var stagedAssembly = Path.Combine(staging, Path.GetFileName(path));
                var parameters = new WriterParameters
                {
                    WriteSymbols = true,
                    SymbolWriterProvider = SymbolFiles.Writer(form),
                    DeterministicMvid = true,
                };
                if (!string.IsNullOrEmpty(keyFile)) parameters.StrongNameKeyBlob = File.ReadAllBytes(keyFile);
                module.Write(stagedAssembly, parameters);

                // The PDB goes first: if the build is killed between the two moves, the old assembly and a PDB that
                // does not match it fail the next weave loudly (LP0104) instead of leaving woven code without symbols.
                if (form == SymbolForm.Portable)
                {
                    if (!Replace(SymbolFiles.PdbPathOf(stagedAssembly), SymbolFiles.PdbPathOf(path))) return false;
                }

                return Replace(stagedAssembly, path);
            }
            finally
            {
                try
                {
                    Directory.Delete(staging, recursive: true);
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    _log.Write(WeaveMessageLevel.Detail, "LP0107", $"Could not remove LineProf's temporary folder {staging}: {e.Message}");
                }
            }
        }

        private bool Replace(string staged, string target)
        {
            for (int attempt = 0; ; attempt++)
            {
                try
                {
                    // Same folder tree, same volume: a rename, so readers see the old file or the new one.
                    File.Replace(staged, target, destinationBackupFileName: null, ignoreMetadataErrors: true);
                    return true;
                }
                catch (Exception e) when ((e is IOException || e is UnauthorizedAccessException) && attempt < s_replaceRetries.Length)
                {
                    Thread.Sleep(s_replaceRetries[attempt]);
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    Error("LP0204", $"{target} could not be replaced with its woven version: {e.Message} Another process may hold it open, " +
                        "or it is read-only. The original was left as it was.", target);
                    return false;
                }
            }
        }

        private WeaveResult Error(string code, string message, string? file = null)
        {
            _log.Write(WeaveMessageLevel.Error, code, message, file);
            return WeaveResult.NotWoven();
        }
    }
}
