using LineProf.Reporting;
using LineProf.Testing;

namespace LineProf.Runtime.Tests;

/// <summary>Report files are replaced whole, without exceptions on the normal path, and leave no temporary file behind.</summary>
[NonParallelizable] // counts first-chance exceptions in this process
public sealed class AtomicFileTests
{
    private string _folder = null!;

    [SetUp]
    public void CreateFolder()
    {
        _folder = Path.Combine(Path.GetTempPath(), "lineprof-atomic-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_folder);
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void Rewriting_a_report_throws_no_exception_inside_even_a_caught_one()
    {
        var path = Path.Combine(_folder, "lineprof.json");
        int thrown = 0;
        void Count(object? sender, System.Runtime.ExceptionServices.FirstChanceExceptionEventArgs e) => Interlocked.Increment(ref thrown);
        AppDomain.CurrentDomain.FirstChanceException += Count;
        try
        {
            for (int i = 0; i < 5; i++) AtomicFile.Write(path, [(byte)('0' + i)]);
        }
        finally
        {
            AppDomain.CurrentDomain.FirstChanceException -= Count;
        }

        Assert.Multiple(() =>
        {
            Assert.That(thrown, Is.Zero, "the first write and every rewrite take the normal path");
            Assert.That(File.ReadAllText(path), Is.EqualTo("4"));
            Assert.That(Directory.GetFiles(_folder), Has.Length.EqualTo(1));
        });
    }

    [Test]
    public void Temporary_files_a_killed_writer_left_are_deleted_once_old_and_nothing_else_is()
    {
        var path = Path.Combine(_folder, "lineprof.json");
        var abandoned = Path.Combine(_folder, "lineprof.json.0123456789ab.tmp");
        var underWay = Path.Combine(_folder, "lineprof.json.ba9876543210.tmp");
        var others = new[] { "lineprof.html.0123456789ab.tmp", "notes.tmp", "lineprof.json.not-ours.tmp", "lineprof.json.0123456789ab.tmp.keep" }
            .Select(name => Path.Combine(_folder, name)).ToArray();
        foreach (var file in others.Append(abandoned).Append(underWay)) File.WriteAllText(file, "{ \"torn\": ");
        foreach (var file in others.Append(abandoned)) File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddHours(-1));

        bool youngerLeft = AtomicFile.DeleteAbandonedTemporaries(path, TimeSpan.FromMinutes(1));

        Assert.Multiple(() =>
        {
            Assert.That(File.Exists(abandoned), Is.False, "an old temporary file of lineprof.json");
            Assert.That(File.Exists(underWay), Is.True, "a young one may be another process's write under way");
            Assert.That(youngerLeft, Is.True, "so the caller knows to look again once it is old enough");
            foreach (var other in others) Assert.That(File.Exists(other), Is.True, Path.GetFileName(other));
        });

        File.SetLastWriteTimeUtc(underWay, DateTime.UtcNow.AddHours(-1));
        Assert.Multiple(() =>
        {
            Assert.That(AtomicFile.DeleteAbandonedTemporaries(path, TimeSpan.FromMinutes(1)), Is.False, "none of ours is left");
            Assert.That(File.Exists(underWay), Is.False, "judged again, now old enough");
        });
    }
}
