using System;

namespace LineProf.Hosting
{
    /// <summary>The environment variables of the contract. They override configuration files and code.</summary>
    internal static class RuntimeSettings
    {
        internal const string EnabledVariable = "LINEPROF_ENABLED";
        internal const string OutputVariable = "LINEPROF_OUTPUT";
        internal const string ModeVariable = "LINEPROF_MODE";
        internal const string SampleRateVariable = "LINEPROF_SAMPLE_RATE";
        internal const string MaxProfiledPerSecondVariable = "LINEPROF_MAX_PROFILED_PER_SECOND";
        internal const string TriggerSecretVariable = "LINEPROF_TRIGGER_SECRET";
        internal const string KeepRequestsWithoutLinesVariable = "LINEPROF_KEEP_REQUESTS_WITHOUT_LINES";

        internal static bool EnabledByEnvironment()
        {
            try
            {
                return ParseBool(Environment.GetEnvironmentVariable(EnabledVariable)) ?? true;
            }
            catch (System.Security.SecurityException)
            {
                return true;
            }
        }

        /// <summary>Whether LINEPROF_MODE asks for sampled mode.</summary>
        internal static bool SampledByEnvironment()
        {
            try
            {
                return string.Equals(Environment.GetEnvironmentVariable(ModeVariable)?.Trim(), "sampled", StringComparison.OrdinalIgnoreCase);
            }
            catch (System.Security.SecurityException)
            {
                return false;
            }
        }

        /// <summary>Applies the environment variables that are set on top of <paramref name="options"/>.</summary>
        internal static void ApplyEnvironment(LineProfilerOptions options)
        {
            var enabled = ParseBool(Environment.GetEnvironmentVariable(EnabledVariable));
            if (enabled.HasValue) options.Enabled = enabled.Value;

            var output = Environment.GetEnvironmentVariable(OutputVariable);
            if (!string.IsNullOrWhiteSpace(output)) options.OutputDirectory = output;

            var mode = Environment.GetEnvironmentVariable(ModeVariable);
            if (!string.IsNullOrWhiteSpace(mode)) options.Mode = mode!.Trim().ToLowerInvariant();

            var rate = Environment.GetEnvironmentVariable(SampleRateVariable);
            if (!string.IsNullOrWhiteSpace(rate))
            {
                if (double.TryParse(rate, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var parsed))
                    options.SampleRate = parsed;
                else
                    ProfilerLog.Warning("LP2015", $"{SampleRateVariable} '{rate}' is not a number; the sample rate stays {options.SampleRate}. " +
                        "Write a share of requests between 0 and 1, such as 0.01.");
            }

            var cap = Environment.GetEnvironmentVariable(MaxProfiledPerSecondVariable);
            if (!string.IsNullOrWhiteSpace(cap))
            {
                if (int.TryParse(cap, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var parsed) && parsed >= 0)
                    options.MaxProfiledPerSecond = parsed;
                else
                    ProfilerLog.Warning("LP2015", $"{MaxProfiledPerSecondVariable} '{cap}' is not a whole number of 0 or more; the cap stays {options.MaxProfiledPerSecond}.");
            }

            var secret = Environment.GetEnvironmentVariable(TriggerSecretVariable);
            if (!string.IsNullOrEmpty(secret)) options.TriggerSecret = secret;

            var keep = ParseBool(Environment.GetEnvironmentVariable(KeepRequestsWithoutLinesVariable));
            if (keep.HasValue) options.KeepRequestsWithoutLines = keep.Value;
        }

        private static bool? ParseBool(string? value)
        {
            switch (value?.Trim().ToLowerInvariant())
            {
                case null:
                case "":
                    return null;
                case "0":
                case "false":
                case "no":
                case "off":
                    return false;
                default:
                    return true;
            }
        }
    }
}
