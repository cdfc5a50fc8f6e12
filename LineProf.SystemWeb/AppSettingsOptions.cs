using System;
using System.Collections.Specialized;
using System.Globalization;
using LineProf.Hosting;

namespace LineProf.SystemWeb
{
    /// <summary>
    /// LineProf's options from web.config's appSettings, under the same names as ASP.NET Core's configuration
    /// section: <c>&lt;add key="LineProf:OutputDirectory" value="…" /&gt;</c>. The LINEPROF_* environment variables
    /// still win. A value that does not parse is reported and left at its default.
    /// </summary>
    internal static class AppSettingsOptions
    {
        /// <summary>
        /// Where the reports go unless configured, relative to the application's root: App_Data is the one folder
        /// ASP.NET never serves, so the reports are not downloadable from the site they profile.
        /// </summary>
        internal const string DefaultOutputDirectory = "App_Data/lineprof";

        private const string Prefix = "LineProf:";

        internal static LineProfilerOptions Read(NameValueCollection settings, IProfilerLogSink log)
        {
            var options = new LineProfilerOptions { OutputDirectory = DefaultOutputDirectory };
            var reader = new Reader(settings, log);
            reader.Bool("Enabled", value => options.Enabled = value);
            reader.Text("OutputDirectory", value => options.OutputDirectory = value);
            reader.Int("RecentRequests", value => options.RecentRequests = value);
            reader.Int("SlowestRequests", value => options.SlowestRequests = value);
            reader.Bool("KeepRequestsWithoutLines", value => options.KeepRequestsWithoutLines = value);
            reader.Bool("ProfileOutsideRequests", value => options.ProfileOutsideRequests = value);
            reader.Text("ExcludePaths", value =>
            {
                foreach (var path in value.Split(new[] { ';', ',' }, StringSplitOptions.RemoveEmptyEntries))
                {
                    if (path.Trim().Length > 0) options.ExcludePaths.Add(path.Trim());
                }
            });
            reader.Text("WriteInterval", value =>
            {
                if (TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var interval)) options.WriteInterval = interval;
                else reader.Invalid("WriteInterval", value);
            });
            reader.Text("SampleRate", value =>
            {
                if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate)) options.SampleRate = rate;
                else reader.Invalid("SampleRate", value);
            });
            reader.Int("MaxProfiledPerSecond", value => options.MaxProfiledPerSecond = value);
            reader.Text("TriggerSecret", value => options.TriggerSecret = value);
            reader.Present("TriggerHeader", value => options.TriggerHeader = value); // empty turns the header off
            reader.Text("TriggerQueryParameter", value => options.TriggerQueryParameter = value);
            reader.Text("ServerTiming", value => options.ServerTiming = value);
            reader.Int("WarmUpRequests", value => options.WarmUpRequests = value);
            reader.Bool("KeepWarmUpInPercentiles", value => options.KeepWarmUpInPercentiles = value);
            return options;
        }

        private sealed class Reader
        {
            private readonly NameValueCollection _settings;
            private readonly IProfilerLogSink _log;

            public Reader(NameValueCollection settings, IProfilerLogSink log)
            {
                _settings = settings;
                _log = log;
            }

            public void Text(string name, Action<string> apply)
            {
                var value = _settings[Prefix + name];
                if (!string.IsNullOrWhiteSpace(value)) apply(value.Trim());
            }

            public void Present(string name, Action<string> apply)
            {
                var value = _settings[Prefix + name];
                if (value != null) apply(value.Trim());
            }

            public void Bool(string name, Action<bool> apply) => Text(name, value =>
            {
                if (bool.TryParse(value, out var parsed)) apply(parsed);
                else Invalid(name, value);
            });

            public void Int(string name, Action<int> apply) => Text(name, value =>
            {
                if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed)) apply(parsed);
                else Invalid(name, value);
            });

            public void Invalid(string name, string value) =>
                _log.Write(ProfilerLogLevel.Warning, "LP2102", $"web.config appSettings {Prefix}{name} has the value '{value}', " +
                    "which LineProf cannot read; the default is used.");
        }
    }
}
