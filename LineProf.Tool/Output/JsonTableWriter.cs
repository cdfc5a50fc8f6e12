using System.Text.Encodings.Web;
using System.Text.Json;

namespace LineProf.Tool.Output;

/// <summary>One JSON object with an array of row objects per table, keyed by column keys; figures as numbers.</summary>
public sealed class JsonTableWriter : ITableWriter
{
    public void Write(IReadOnlyList<Table> tables, TextWriter output)
    {
        using var buffer = new MemoryStream();
        // The default encoder escapes '<', '&' and non-ASCII text, so the output is safe to embed in a page as well.
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.Default }))
        {
            json.WriteStartObject();
            foreach (var table in tables)
            {
                json.WriteStartArray(table.Key);
                foreach (var row in table.Rows)
                {
                    json.WriteStartObject();
                    foreach (int c in table.MachineColumns())
                    {
                        json.WritePropertyName(table.Columns[c].Key);
                        switch (row[c])
                        {
                            case null: json.WriteNullValue(); break;
                            case string text: json.WriteStringValue(text); break;
                            case bool flag: json.WriteBooleanValue(flag); break;
                            case long integer: json.WriteNumberValue(integer); break;
                            case var number: json.WriteNumberValue(Math.Round(Cells.Number(number), 3)); break;
                        }
                    }

                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
