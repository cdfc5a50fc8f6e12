using LineProf.Testing;

namespace LineProf.BuildMatrix.Tests;

/// <summary>
/// A strong-named library stays signed with its own key once woven (the weaver re-signs it), and its friend, signed
/// with the same key, still reaches its internals through InternalsVisibleTo on .NET.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class StrongNameTests
{
    private Sandbox _sandbox = null!;
    private ProcessResult _build = null!;

    [OneTimeSetUp]
    public void Build()
    {
        Repository.RequirePackage("LineProf");
        _sandbox = Sandbox.Create("strong-name");
        _sandbox.CopyFromRepository("tests/Apps/Signed", "signed");
        _build = _sandbox.Build("signed/Friend/Friend.csproj", "-c", "Release", $"-p:LineProfVersion={Repository.Version}");
    }

    [OneTimeTearDown]
    public void DeleteSandbox() => _sandbox?.Dispose();

    private string Library => _sandbox.PathOf("signed", "Friend", "bin", "Release", "net10.0", "SignedLib.dll");

    [Test]
    public void The_woven_library_is_signed_with_its_own_key()
    {
        var keyPair = _sandbox.PathOf("signed", "key.snk");
        var publicKey = _sandbox.PathOf("signed", "key.pub");
        var extract = ProcessRunner.Run("sn", ["-q", "-p", keyPair, publicKey], _sandbox.Root);
        var verify = ProcessRunner.Run("sn", ["-vf", Library], _sandbox.Root);
        Assert.Multiple(() =>
        {
            Assert.That(_build.Output, Does.Contain("LineProf wove SignedLib.dll"));
            Assert.That(Assemblies.IsWoven(Library), Is.True);
            Assert.That(extract.Succeeded, Is.True, extract.Output);
            Assert.That(Assemblies.PublicKey(Library), Is.EqualTo(File.ReadAllBytes(publicKey)), "the key it was built with");
            Assert.That(Assemblies.IsStrongNameSigned(Library), Is.True, "flagged as signed");
            Assert.That(verify.Succeeded, Is.True, "Mono's sn checks the signature over the woven bytes:\n" + verify.Output);
        });
    }

    [Test]
    public void A_friend_assembly_still_reaches_the_woven_librarys_internals()
    {
        var run = ProcessRunner.Run("dotnet", [_sandbox.PathOf("signed", "Friend", "bin", "Release", "net10.0", "Friend.dll")], _sandbox.Root);
        Assert.Multiple(() =>
        {
            Assert.That(_build.Output, Does.Contain("LineProf wove Friend.dll"));
            Assert.That(run.Succeeded, Is.True, run.Output);
            Assert.That(run.Output, Does.Contain("FRIEND answer=42"));
        });
    }
}
