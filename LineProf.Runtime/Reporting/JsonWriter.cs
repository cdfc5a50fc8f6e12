using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace LineProf.Reporting
{
    /// <summary>
    /// A small streaming JSON writer, so the runtime needs no JSON package on .NET Framework. Its strings are safe
    /// inside an HTML &lt;script&gt; element: &lt;, &gt;, &amp; and line separators are escaped, and invalid UTF-16 is
    /// replaced, so no request path or source line can end the element or break the file.
    /// </summary>
    internal sealed class JsonWriter
    {
        private readonly TextWriter _out;
        private readonly Stack<bool> _needsComma = new Stack<bool>();
        private bool _afterName;

        public JsonWriter(TextWriter output)
        {
            _out = output;
        }

        public JsonWriter StartObject() => Open('{');
        public JsonWriter EndObject() => Close('}');
        public JsonWriter StartArray() => Open('[');
        public JsonWriter EndArray() => Close(']');

        public JsonWriter Name(string name)
        {
            Separate();
            WriteString(name);
            _out.Write(':');
            _afterName = true;
            return this;
        }

        public JsonWriter Value(string? value)
        {
            Separate();
            if (value == null) _out.Write("null");
            else WriteString(value);
            return this;
        }

        public JsonWriter Value(long value)
        {
            Separate();
            _out.Write(value.ToString(CultureInfo.InvariantCulture));
            return this;
        }

        /// <summary>A figure that only some entries have: null where it does not apply.</summary>
        public JsonWriter Value(long? value) => value is { } figure ? Value(figure) : Value((string?)null);

        public JsonWriter Value(double value)
        {
            Separate();
            // "R" round-trips; JSON has no NaN or infinity, and no figure of a report is either.
            _out.Write(double.IsNaN(value) || double.IsInfinity(value) ? "0" : value.ToString("R", CultureInfo.InvariantCulture));
            return this;
        }

        public JsonWriter Value(bool value)
        {
            Separate();
            _out.Write(value ? "true" : "false");
            return this;
        }

        public JsonWriter Value(DateTime value) =>
            Value(value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));

        public JsonWriter Property(string name, string? value) => Name(name).Value(value);
        public JsonWriter Property(string name, long value) => Name(name).Value(value);
        public JsonWriter Property(string name, DateTime value) => Name(name).Value(value);
        public JsonWriter Property(string name, double value) => Name(name).Value(value);
        public JsonWriter Property(string name, bool value) => Name(name).Value(value);

        private JsonWriter Open(char bracket)
        {
            Separate();
            _out.Write(bracket);
            _needsComma.Push(false);
            return this;
        }

        private JsonWriter Close(char bracket)
        {
            _needsComma.Pop();
            _out.Write(bracket);
            return this;
        }

        private void Separate()
        {
            if (_afterName)
            {
                _afterName = false;
                return;
            }

            if (_needsComma.Count == 0) return;
            if (_needsComma.Pop()) _out.Write(',');
            _needsComma.Push(true);
        }

        private void WriteString(string value)
        {
            _out.Write('"');
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                switch (c)
                {
                    case '"': _out.Write("\\\""); break;
                    case '\\': _out.Write("\\\\"); break;
                    case '\n': _out.Write("\\n"); break;
                    case '\r': _out.Write("\\r"); break;
                    case '\t': _out.Write("\\t"); break;
                    case '<':
                    case '>':
                    case '&':
                    case '\'':
                    case '\u2028':
                    case '\u2029':
                        WriteEscaped(c);
                        break;
                    default:
                        if (c < 0x20 || c == 0x7f) WriteEscaped(c);
                        else if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                        {
                            _out.Write(c);
                            _out.Write(value[++i]);
                        }
                        else if (char.IsSurrogate(c)) WriteEscaped('\uFFFD');
                        else _out.Write(c);
                        break;
                }
            }

            _out.Write('"');
        }

        private void WriteEscaped(char c)
        {
            _out.Write("\\u");
            _out.Write(((int)c).ToString("x4", CultureInfo.InvariantCulture));
        }
    }
}
