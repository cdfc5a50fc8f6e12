using System;
using System.IO;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace LineProf.Reporting
{
    /// <summary>
    /// Renders the report model as one self-contained HTML file: the renderer's script and style inline, the data as
    /// an inert JSON block, no external URL. The file carries a Content-Security-Policy that allows exactly its own
    /// script and style (by hash), so even if escaping failed, injected markup could not run.
    /// </summary>
    public static class ReportHtml
    {
        private static readonly Lazy<Template> s_template = new Lazy<Template>(Template.Load);

        /// <summary>The CSP source ('sha256-…') that allows exactly the report's script.</summary>
        public static string ScriptHash => s_template.Value.ScriptHash;

        /// <summary>The CSP source ('sha256-…') that allows exactly the report's style sheet.</summary>
        public static string StyleHash => s_template.Value.StyleHash;

        /// <summary>
        /// The Content-Security-Policy header a host sends with the page: the report's own script and style, by hash,
        /// and nothing else (no other source, no framing, no form posts).
        /// </summary>
        public static string ContentSecurityPolicy =>
            $"default-src 'none'; script-src '{ScriptHash}'; style-src '{StyleHash}'; " +
            "img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

        /// <summary>Writes <paramref name="report"/> as a self-contained HTML page.</summary>
        public static void Write(ProfileReport report, TextWriter output)
        {
            var template = s_template.Value;
            output.Write(template.BeforeData);
            ReportJson.Write(report, output); // JsonWriter escapes '<', so the data cannot close its element
            output.Write(template.AfterData);
        }

        /// <summary>The report as an HTML string.</summary>
        public static string Render(ProfileReport report)
        {
            var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
            Write(report, writer);
            return writer.ToString();
        }

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
            private Template(string scriptHash, string styleHash, string beforeData, string afterData)
            {
                ScriptHash = scriptHash;
                StyleHash = styleHash;
                BeforeData = beforeData;
                AfterData = afterData;
            }

            public string ScriptHash { get; }
            public string StyleHash { get; }
            public string BeforeData { get; }
            public string AfterData { get; }

            public static Template Load()
            {
                string script = ReadAsset("report.js");
                string style = ReadAsset("report.css");
                string scriptHash = Sha256(script);
                string styleHash = Sha256(style);
                string page = ReadAsset("report.html")
                    .Replace("{{SCRIPT_HASH}}", scriptHash)
                    .Replace("{{STYLE_HASH}}", styleHash)
                    .Replace("{{STYLE}}", style)
                    .Replace("{{SCRIPT}}", script);
                int data = page.IndexOf("{{DATA}}", StringComparison.Ordinal);
                return new Template(scriptHash, styleHash, page.Substring(0, data), page.Substring(data + "{{DATA}}".Length));
            }
        }
    }
}
