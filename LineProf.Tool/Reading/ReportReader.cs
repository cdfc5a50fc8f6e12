using System.Globalization;
using System.Text.Json;
using LineProf.Reporting;
using LineProf.Tool.Cli;

namespace LineProf.Tool.Reading;

/// <summary>
/// The tool's one way in: reads a lineprof.json into the runtime's report model. Whatever the file holds, the result
/// is the model or a <see cref="UserError"/> that names the file and what is wrong with it (too big, empty, not JSON
/// and where, truncated, not a report, a schema version this tool does not know, a value of the wrong type).
/// </summary>
public sealed class ReportReader
{
    /// <summary>
    /// Reports above this size are refused unless --max-size raises it. A report holds a few hundred retained requests
    /// and is a few MB; reading one takes several times its size in memory, so a larger file is more likely a mistake.
    /// </summary>
    public const long DefaultMaxSize = 100L << 20;

    // Fields added to schema 1 by a newer runtime are skipped (the contract only ever adds fields); values of the wrong
    // type are errors. The depth limit is System.Text.Json's default, stated because hostile input is expected.
    private static readonly JsonSerializerOptions s_options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        MaxDepth = 64,
        TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver { Modifiers = { WarmUpRequests.ReadMark } },
    };

    private readonly long _maxSize;

    public ReportReader(long maxSize)
    {
        _maxSize = maxSize;
    }

    public ProfileReport Read(string path)
    {
        ReadOnlySpan<byte> json = ReadBytes(path);
        // A BOM is valid at the start of a UTF-8 file, but not JSON to System.Text.Json's span readers.
        if (json.StartsWith("\uFEFF"u8)) json = json[3..];
        CheckHeader(path, json);
        ProfileReport? report;
        try
        {
            report = JsonSerializer.Deserialize<ProfileReport>(json, s_options);
        }
        catch (JsonException e)
        {
            throw new UserError($"{path} does not match the lineprof report schema: {e.Path ?? "$"}{Where(e)} {Expected(e)}");
        }

        if (report == null) throw new UserError($"{path} holds null, not a lineprof report");
        ReportShape.Check(path, report);
        return report;
    }

    private byte[] ReadBytes(string path)
    {
        try
        {
            if (Directory.Exists(path)) throw new UserError($"{path} is a folder; give the path of a lineprof.json file");
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            long length = stream.Length;
            if (length > _maxSize)
            {
                throw new UserError($"{path} is {Size(length)}, more than the {Size(_maxSize)} lineprof reads by default " +
                    $"(a lineprof.json is usually a few MB); if it is a report, read it with --max-size {SuggestedLimit(length)}");
            }

            if (length == 0) throw new UserError($"{path} is empty (0 bytes), not a lineprof report");
            if (length > Array.MaxLength) throw new UserError($"{path} is {Size(length)}, more than lineprof can hold in memory at once");
            var bytes = new byte[length];
            stream.ReadExactly(bytes);
            return bytes;
        }
        catch (FileNotFoundException)
        {
            throw new UserError($"{path} does not exist");
        }
        catch (DirectoryNotFoundException)
        {
            throw new UserError($"{path} does not exist (nor does its folder)");
        }
        catch (EndOfStreamException)
        {
            throw new UserError($"{path} became shorter while it was read; is something still writing it?");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"cannot read {path}: {e.Message}");
        }
    }

    /// <summary>
    /// Checks the whole file is one JSON object with a schemaVersion this tool reads, before binding it to the model,
    /// so that an array, a newer report or a truncated file gets its own message rather than a binding error.
    /// </summary>
    private static void CheckHeader(string path, ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = s_options.MaxDepth });
        int? schemaVersion = null;
        bool hasSchemaVersion = false;
        if (json.Trim(" \t\r\n"u8).IsEmpty) throw new UserError($"{path} holds only white space, not a lineprof report");
        try
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
                throw new UserError($"{path} holds a JSON {Describe(reader.TokenType)}, not a lineprof report (a JSON object with a schemaVersion)");

            while (reader.Read())
            {
                if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 1 || !reader.ValueTextEquals("schemaVersion")) continue;
                reader.Read();
                hasSchemaVersion = true;
                schemaVersion = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out int version) ? version : null;
            }
        }
        catch (JsonException e)
        {
            if (EndsEarly(json))
                throw new UserError($"{path} ends before its JSON does ({Size(json.Length)}, cut off at line {LineCount(json)}): it is truncated, " +
                    "perhaps copied while it was written or from a full disk");
            throw new UserError($"{path} is not valid JSON{Where(e)}: {Reason(e)}");
        }

        if (!hasSchemaVersion)
            throw new UserError($"{path} has no schemaVersion, so it is not a lineprof report (lineprof.json begins with \"schemaVersion\": {ProfileReport.CurrentSchemaVersion})");
        if (schemaVersion == null || schemaVersion < 1)
            throw new UserError($"{path} has a schemaVersion that is not a version of lineprof.json (this lineprof reads schema version {ProfileReport.CurrentSchemaVersion})");
        if (schemaVersion > ProfileReport.CurrentSchemaVersion)
        {
            throw new UserError($"{path} has schemaVersion {schemaVersion}, written by a newer LineProf; this lineprof ({ToolVersion.Current}) reads " +
                $"schema version {ProfileReport.CurrentSchemaVersion}. Update it: dotnet tool update -g LineProf.Tool");
        }
    }

    /// <summary>True when the JSON is a valid beginning that stops before the top-level value closes.</summary>
    private static bool EndsEarly(ReadOnlySpan<byte> json)
    {
        // Not the final block: the reader stops where more data would be needed instead of failing there.
        var reader = new Utf8JsonReader(json, isFinalBlock: false, new JsonReaderState(new JsonReaderOptions { MaxDepth = s_options.MaxDepth }));
        try
        {
            while (reader.Read())
            {
                if (reader.CurrentDepth == 0 && reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray) return false;
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Where(JsonException e) => e.LineNumber is long line
        ? $" (line {(line + 1).ToString(CultureInfo.InvariantCulture)}, byte {((e.BytePositionInLine ?? 0) + 1).ToString(CultureInfo.InvariantCulture)} of the line)"
        : "";

    /// <summary>System.Text.Json's message without the position and path it appends, which <see cref="Where"/> says better.</summary>
    private static string Reason(JsonException e)
    {
        var message = e.Message;
        foreach (var marker in new[] { " Path: ", " LineNumber: " })
        {
            int at = message.IndexOf(marker, StringComparison.Ordinal);
            if (at > 0) message = message[..at];
        }

        return message.Trim().TrimEnd('.', '|').Trim();
    }

    /// <summary>What the value at the error should have been, in the user's words rather than .NET type names.</summary>
    private static string Expected(JsonException e)
    {
        var reason = Reason(e);
        const string marker = "converted to ";
        int at = reason.LastIndexOf(marker, StringComparison.Ordinal);
        if (at < 0) return "is wrong: " + reason;
        string type = reason[(at + marker.Length)..];
        return "should be " + type switch
        {
            "System.Int64" => "a whole number (within 64 bits)",
            "System.Int32" => "a whole number (within 32 bits)",
            // A number where text belongs and text that is not valid Unicode (invalid UTF-8, an unpaired surrogate
            // escape) fail alike: the value could not become a string.
            "System.String" => "text: a JSON string of valid Unicode",
            "System.DateTime" => "a date and time (ISO 8601)",
            "System.Boolean" or "System.Nullable`1[System.Boolean]" => "true or false",
            _ when type.StartsWith("System.Collections.Generic.List", StringComparison.Ordinal) => "a JSON array",
            _ => "a JSON object",
        };
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartArray => "array",
        JsonTokenType.String => "string",
        JsonTokenType.Number => "number",
        JsonTokenType.True or JsonTokenType.False => "boolean",
        JsonTokenType.Null => "null",
        _ => "value",
    };

    private static int LineCount(ReadOnlySpan<byte> json) => json.Count((byte)'\n') + 1;

    private static string Size(long bytes) => bytes >= 1L << 20
        ? (bytes / (double)(1L << 20)).ToString("0.#", CultureInfo.InvariantCulture) + " MB"
        : bytes.ToString("N0", CultureInfo.InvariantCulture) + " bytes";

    /// <summary>A round number of MB just above the file's size.</summary>
    private static string SuggestedLimit(long bytes) => ((bytes >> 20) + 1).ToString(CultureInfo.InvariantCulture) + "MB";
}
