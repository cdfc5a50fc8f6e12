using System;
using System.Collections.Generic;
using System.IO;
using Mono.Cecil;

namespace LineProf.Weaving
{
    /// <summary>
    /// Resolves assembly references from the exact files the project compiled against (MSBuild's ReferencePath),
    /// never from the framework the weaver itself runs on, then from the woven assembly's own folder.
    /// </summary>
    internal sealed class ReferenceResolver : IAssemblyResolver
    {
        private readonly Dictionary<string, string> _paths = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, AssemblyDefinition> _loaded = new Dictionary<string, AssemblyDefinition>(StringComparer.OrdinalIgnoreCase);
        private readonly string _ownFolder;

        public ReferenceResolver(IEnumerable<string> referencePaths, string assemblyPath)
        {
            foreach (var path in referencePaths)
            {
                var name = Path.GetFileNameWithoutExtension(path);
                if (!_paths.ContainsKey(name)) _paths.Add(name, path);
            }

            _ownFolder = Path.GetDirectoryName(Path.GetFullPath(assemblyPath)) ?? ".";
        }

        public AssemblyDefinition Resolve(AssemblyNameReference name) => Resolve(name, new ReaderParameters());

        public AssemblyDefinition Resolve(AssemblyNameReference name, ReaderParameters parameters)
        {
            if (_loaded.TryGetValue(name.Name, out var loaded)) return loaded;

            if (!_paths.TryGetValue(name.Name, out var path))
            {
                path = Path.Combine(_ownFolder, name.Name + ".dll");
                if (!File.Exists(path)) throw new AssemblyResolutionException(name);
            }

            var assembly = AssemblyDefinition.ReadAssembly(path, new ReaderParameters
            {
                AssemblyResolver = this,
                ReadingMode = ReadingMode.Deferred,
                InMemory = true,
            });
            _loaded.Add(name.Name, assembly);
            return assembly;
        }

        public void Dispose()
        {
            foreach (var assembly in _loaded.Values) assembly.Dispose();
            _loaded.Clear();
        }
    }
}
