using System.Globalization;
using System.Text;

namespace LineProf.Tool.Output;

/// <summary>Turns cells into text for people, safely: report text comes from request paths and source files.</summary>
public static class Cells
{
    /// <summary>A cell as a person reads it: formatted figures, text with nothing a terminal would act on.</summary>
    public static string Display(Column column, object? cell) => cell switch
    {
        null => "",
        string text => Printable(text),
        bool flag => flag ? "yes" : "no",
        _ => column.Kind switch
        {
            ColumnKind.Time => Figures.Time(Number(cell)),
            ColumnKind.TimeChange => Figures.TimeChange(Number(cell)),
            ColumnKind.Ratio => Figures.Ratio(Number(cell)),
            _ => Figures.Count(Number(cell)),
        },
    };

    /// <summary>A number cell exactly, for machines: integers as they are, fractions to three places.</summary>
    public static string Raw(object cell) => cell switch
    {
        long integer => integer.ToString(CultureInfo.InvariantCulture),
        int integer => integer.ToString(CultureInfo.InvariantCulture),
        double number => number.ToString("0.###", CultureInfo.InvariantCulture),
        _ => throw new ArgumentException("not a number cell: " + cell.GetType().Name),
    };

    public static double Number(object cell) => Convert.ToDouble(cell, CultureInfo.InvariantCulture);

    public static bool IsNumeric(Column column) => column.Kind is not (ColumnKind.Text or ColumnKind.Code or ColumnKind.Flag);

    /// <summary>
    /// Text with control characters (an escape sequence could rewrite the terminal), bidirectional overrides (which
    /// can make source read differently from what it is) and unpaired surrogates shown as visible \uXXXX escapes;
    /// tabs become spaces so columns stay aligned.
    /// </summary>
    public static string Printable(string text)
    {
        StringBuilder? builder = null;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            string? replacement = null;
            if (c == '\t') replacement = " ";
            else if (char.IsControl(c) || IsBidiControl(c)) replacement = Escape(c);
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder?.Append(c).Append(text[i + 1]);
                i++;
                continue;
            }
            else if (char.IsSurrogate(c)) replacement = Escape(c);

            if (replacement != null)
            {
                builder ??= new StringBuilder(text, 0, i, text.Length + 16);
                builder.Append(replacement);
            }
            else
            {
                builder?.Append(c);
            }
        }

        return builder?.ToString() ?? text;
    }

    private static bool IsBidiControl(char c) => c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    private static string Escape(char c) => "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture);
}
