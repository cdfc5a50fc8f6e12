using System.Collections;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace LineProf.Weaver.Tests.Corpus;

/// <summary>A value as comparable text: what a case returned, in the original and in the woven copy.</summary>
public static class ValueText
{
    public static string Of(object? value) => value switch
    {
        null => "null",
        string s => "\"" + s + "\"",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture) + ":" + value.GetType().Name,
        IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Select(Of)) + "]",
        ITuple tuple => "(" + string.Join(", ", Enumerable.Range(0, tuple.Length).Select(i => Of(tuple[i]))) + ")",
        _ => value + ":" + value.GetType().Name,
    };
}
