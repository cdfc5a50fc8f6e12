using System;
using System.IO;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace LineProf.Reporting
{
    /// <summary>
    /// Renders the report model as one self-contained HTML page: the renderer's script and style inline, the data as
    /// an inert JSON block (<see cref="PageData"/>), no external URL. The page carries a Content-Security-Policy that
    /// allows exactly its own script and style (by hash), so even if escaping failed, injected markup could not run.
    /// The file and the live page are the same page; the live page adds where its API is.
    /// </summary>
    public static class ReportHtml
    {
        private static readonly Lazy<Template> s_template = new Lazy<Template>(Template.Load);

        /// <summary>The CSP source ('sha256-…') that allows exactly the report's script.</summary>
        public static string ScriptHash => s_template.Value.ScriptHash;

        /// <summary>The CSP source ('sha256-…') that allows exactly the report's style sheet.</summary>
        public static string StyleHash => s_template.Value.StyleHash;

        /// <summary>
        /// The Content-Security-Policy header a host sends with a page from <see cref="Render"/>: the report's own
        /// script and style, by hash, and nothing else (no other source, no connection, no framing, no form posts).
        /// </summary>
        public static string ContentSecurityPolicy => Policy("'none'");

        /// <summary>The policy of the live page, which may also fetch from its own origin.</summary>
        internal static string LivePolicy => Policy("'self'");

        /// <summary>Writes <paramref name="report"/> as a self-contained HTML page that works offline.</summary>
        public static void Write(ProfileReport report, TextWriter output) => Write(report, 0, null, output);

        /// <summary>The report as an HTML string.</summary>
        public static string Render(ProfileReport report)
        {
            var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
            Write(report, writer);
            return writer.ToString();
        }

        /// <summary>
        /// Writes the page; with <paramref name="live"/>, it polls that API for newer data than
        /// <paramref name="version"/> and may connect to its own origin, which the file may not.
        /// </summary>
        internal static void Write(ProfileReport report, long version, LiveLinks? live, TextWriter output)
        {
            var template = s_template.Value;
            output.Write(template.BeforeConnect);
            output.Write(live == null ? "'none'" : "'self'");
            output.Write(template.BeforeData);
            PageData.Write(report, version, output); // JsonWriter escapes '<', so the data cannot close its element
            output.Write(template.BeforeLive);
            if (live == null) output.Write("null");
            else live.Write(output);
            output.Write(template.AfterLive);
        }

        private static string Policy(string connect) =>
            $"default-src 'none'; script-src '{ScriptHash}'; style-src '{StyleHash}'; connect-src {connect}; " +
            "img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

        internal static string ReadAsset(string name)
        {
            using var stream = typeof(ReportHtml).GetTypeInfo().Assembly.GetManifestResourceStream("LineProf.Report." + name)
                ?? throw new InvalidOperationException("LineProf.Runtime is missing its report asset " + name);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            return reader.ReadToEnd();
        }

        internal static string Sha256(string text)
        {
            using var sha = SHA256.Create();
            return "sha256-" + Convert.ToBase64String(sha.ComputeHash(Encoding.UTF8.GetBytes(text)));
        }

        private sealed class Template
        {
            private Template(string scriptHash, string styleHash, string[] parts)
            {
                ScriptHash = scriptHash;
                StyleHash = styleHash;
                BeforeConnect = parts[0];
                BeforeData = parts[1];
                BeforeLive = parts[2];
                AfterLive = parts[3];
            }

            public string ScriptHash { get; }
            public string StyleHash { get; }
            public string BeforeConnect { get; }
            public string BeforeData { get; }
            public string BeforeLive { get; }
            public string AfterLive { get; }

            public static Template Load()
            {
                string script = ReadAsset("report.js");
                string style = ReadAsset("report.css");
                RequireInert(script, "report.js", "</script");
                RequireInert(style, "report.css", "</style");
                string scriptHash = Sha256(script);
                string styleHash = Sha256(style);
                string page = ReadAsset("report.html")
                    .Replace("{{SCRIPT_HASH}}", scriptHash)
                    .Replace("{{STYLE_HASH}}", styleHash)
                    .Replace("{{STYLE}}", style)
                    .Replace("{{SCRIPT}}", script);
                var parts = page.Split(new[] { "{{CONNECT}}", "{{DATA}}", "{{LIVE}}" }, StringSplitOptions.None);
                if (parts.Length != 4) throw new InvalidOperationException("report.html must hold {{CONNECT}}, {{DATA}} and {{LIVE}} once each");
                return new Template(scriptHash, styleHash, parts);
            }

            /// <summary>An asset that held its element's end tag (or a comment opener) would break every page.</summary>
            private static void RequireInert(string asset, string name, string endTag)
            {
                if (asset.IndexOf(endTag, StringComparison.OrdinalIgnoreCase) >= 0 || asset.IndexOf("<!--", StringComparison.Ordinal) >= 0)
                    throw new InvalidOperationException(name + " must not contain " + endTag + " or <!--");
            }
        }
    }
}
