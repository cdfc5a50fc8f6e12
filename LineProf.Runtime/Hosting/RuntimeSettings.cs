using System;

namespace LineProf.Hosting
{
    /// <summary>The environment variables of the contract. They override configuration files and code.</summary>
    internal static class RuntimeSettings
    {
        internal const string EnabledVariable = "LINEPROF_ENABLED";
        internal const string OutputVariable = "LINEPROF_OUTPUT";
        internal const string ModeVariable = "LINEPROF_MODE";

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
