using LineProf.Weaving.Files;

namespace LineProf.Weaver.Tests;

/// <summary>An assembly and its PDB are replaced together or not at all.</summary>
public sealed class StagedWriteTests
{
    [Test]
    public void When_the_second_file_cannot_be_moved_the_first_is_put_back()
    {
        // A rename cannot cross file systems: a target on another one makes the second move fail after the checks
        // passed, which is what a file locked at the last moment does on Windows.
        var otherFileSystem = "/dev/shm";
        Assume.That(Directory.Exists(otherFileSystem) && Device(otherFileSystem) != Device(Path.GetTempPath()), "needs /dev/shm on its own file system");
        using var folder = new TempFolder("staged");
        var elsewhere = Path.Combine(otherFileSystem, "lineprof-staged-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(elsewhere);
        try
        {
            var first = folder.PathOf("App.pdb");
            var second = Path.Combine(elsewhere, "App.dll");
            File.WriteAllText(first, "original pdb");
            File.WriteAllText(second, "original dll");

            var staged = new StagedWrite(folder.PathOf("App.dll"));
            File.WriteAllText(staged.PathFor(first), "woven pdb");
            File.WriteAllText(staged.PathFor(second), "woven dll");
            var problem = staged.ReplaceAll([first, second]);
            staged.Clean();

            Assert.Multiple(() =>
            {
                Assert.That(problem, Does.Contain(second));
                Assert.That(File.ReadAllText(first), Is.EqualTo("original pdb"), "the PDB that had moved is back");
                Assert.That(File.ReadAllText(second), Is.EqualTo("original dll"));
                Assert.That(Directory.GetFileSystemEntries(folder.Path).Select(Path.GetFileName), Is.EquivalentTo(new[] { "App.pdb" }), "nothing left behind");
            });
        }
        finally
        {
            Directory.Delete(elsewhere, recursive: true);
        }
    }

    /// <summary>The mount point a path lives under.</summary>
    private static string Device(string path) =>
        DriveInfo.GetDrives().Select(d => d.RootDirectory.FullName).Where(path.StartsWith).MaxBy(root => root.Length) ?? "/";
}
