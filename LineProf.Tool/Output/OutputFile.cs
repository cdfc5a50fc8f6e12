using System.Text;
using LineProf.Tool.Cli;

namespace LineProf.Tool.Output;

/// <summary>
/// Writes a command's result to a file, or to standard output for "-". A file is written beside its final name and
/// then renamed over it, so a failure (a full disk, an interrupted run) never leaves half a report where the
/// previous one was.
/// </summary>
public static class OutputFile
{
    private static readonly Encoding s_utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    public static void Write(string path, TextWriter standardOutput, Action<TextWriter> write)
    {
        if (path == "-")
        {
            write(standardOutput);
            standardOutput.Flush();
            return;
        }

        WriteFile(path, temp =>
        {
            using var writer = new StreamWriter(temp, append: false, s_utf8);
            write(writer);
        });
    }

    /// <summary>Writes binary content (a pprof profile) to a file; binary output has no place on a terminal.</summary>
    public static void WriteBinary(string path, Action<Stream> write) => WriteFile(path, temp =>
    {
        using var stream = new FileStream(temp, FileMode.Create, FileAccess.Write);
        write(stream);
    });

    private static void WriteFile(string path, Action<string> writeTemp)
    {
        string full = Path.GetFullPath(path);
        string temp = full + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        try
        {
            writeTemp(temp);
            File.Move(temp, full, overwrite: true);
        }
        catch (DirectoryNotFoundException)
        {
            throw new UserError($"cannot write {path}: its folder does not exist");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            // The message may name the temporary file; the user asked for the final one.
            throw new UserError($"cannot write {path}: {e.Message.Replace(temp, full, StringComparison.Ordinal)}");
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The temporary file may never have been created (an unwritable folder); nothing else to clean.
        }
    }
}
