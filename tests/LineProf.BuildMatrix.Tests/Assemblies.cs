using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace LineProf.BuildMatrix.Tests;

/// <summary>What a built assembly file is, read with System.Reflection.Metadata (not with the weaver's Cecil).</summary>
public static class Assemblies
{
    public static bool IsWoven(string path) => Read(path, (pe, md) =>
        md.TypeDefinitions.Any(t => md.GetString(md.GetTypeDefinition(t).Name) == "<LineProf>LineMap"));

    public static bool HasEmbeddedPdb(string path) => Read(path, (pe, _) =>
        pe.ReadDebugDirectory().Any(e => e.Type == DebugDirectoryEntryType.EmbeddedPortablePdb));

    /// <summary>Whether the file carries native code compiled ahead of time (ReadyToRun).</summary>
    public static bool IsReadyToRun(string path) => Read(path, (pe, _) => pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0);

    public static byte[] PublicKey(string path) => Read(path, (_, md) => md.GetBlobBytes(md.GetAssemblyDefinition().PublicKey));

    public static bool IsStrongNameSigned(string path) => Read(path, (pe, _) => (pe.PEHeaders.CorHeader!.Flags & CorFlags.StrongNameSigned) != 0);

    private static T Read<T>(string path, Func<PEReader, MetadataReader, T> read)
    {
        using var pe = new PEReader(File.OpenRead(path));
        return read(pe, pe.GetMetadataReader());
    }
}
