using LineProf.Weaving;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace LineProf.MSBuild
{
    /// <summary>Sends weaver messages to MSBuild with their LP codes and source positions.</summary>
    internal sealed class MSBuildWeaveLog : IWeaveLog
    {
        private readonly TaskLoggingHelper _log;

        public MSBuildWeaveLog(TaskLoggingHelper log)
        {
            _log = log;
        }

        public void Write(WeaveMessageLevel level, string code, string message, string? file = null, int line = 0)
        {
            // No format arguments are passed, so braces in a message (an exception's text) are printed as they are.
            switch (level)
            {
                case WeaveMessageLevel.Error:
                    _log.LogError(null, code, null, file, line, 0, 0, 0, message);
                    break;
                case WeaveMessageLevel.Warning:
                    _log.LogWarning(null, code, null, file, line, 0, 0, 0, message);
                    break;
                default:
                    _log.LogMessage(null, code, null, file, line, 0, 0, 0,
                        level == WeaveMessageLevel.Information ? MessageImportance.High : MessageImportance.Low, message);
                    break;
            }
        }
    }
}
