using System.Text.Json;
using LineProf.Reporting;

namespace LineProf.Runtime.Tests;

/// <summary>lineprof.json must stay valid JSON and safe inside an HTML script element, whatever a request carries.</summary>
public sealed class JsonWriterTests
{
    [TestCase("</script><script>alert(1)</script>")]
    [TestCase("<!-- comment -->")]
    [TestCase("quote \" backslash \\ tab \t newline \n nul \0 bell \a")]
    [TestCase("line separator \u2028 paragraph separator \u2029")]
    [TestCase("emoji \U0001F600 and CJK 漢字")]
    public void Any_text_round_trips_and_cannot_end_a_script_element(string text)
    {
        var json = Serialize(text);
        Assert.Multiple(() =>
        {
            Assert.That(JsonDocument.Parse(json).RootElement.GetProperty("path").GetString(), Is.EqualTo(text));
            Assert.That(json, Does.Not.Contain("<"), "no '<' can open or close a tag");
            Assert.That(json, Does.Not.Contain("\u2028"), "JavaScript treats U+2028 as a line break inside a string");
        });
    }

    [Test]
    public void A_lone_surrogate_becomes_a_replacement_character_instead_of_invalid_UTF8()
    {
        var json = Serialize("bad \uD800 half");
        Assert.That(JsonDocument.Parse(json).RootElement.GetProperty("path").GetString(), Is.EqualTo("bad \uFFFD half"));
    }

    private static string Serialize(string path)
    {
        var writer = new StringWriter();
        new JsonWriter(writer).StartObject().Property("path", path).EndObject();
        return writer.ToString();
    }
}
