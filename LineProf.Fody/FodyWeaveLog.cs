using Fody;
using LineProf.Weaving;
using Mono.Cecil.Cil;

namespace LineProf.Fody
{
    /// <summary>
    /// Sends weaver messages to Fody's log, which prefixes each with "Fody/LineProf:". Fody's log has no field for a
    /// message code, so the LP code leads the text; a file and line become a sequence point, which is how Fody
    /// places a message in the source.
    /// </summary>
    internal sealed class FodyWeaveLog : IWeaveLog
    {
        private readonly BaseModuleWeaver _fody;

        public FodyWeaveLog(BaseModuleWeaver fody)
        {
            _fody = fody;
        }

        public void Write(WeaveMessageLevel level, string code, string message, string? file = null, int line = 0)
        {
            var text = code + ": " + message;
            switch (level)
            {
                case WeaveMessageLevel.Error:
                    _fody.WriteError(text, PositionOf(file, line));
                    break;
                case WeaveMessageLevel.Warning:
                    _fody.WriteWarning(text, PositionOf(file, line));
                    break;
                case WeaveMessageLevel.Information:
                    // Fody logs WriteInfo below the default verbosity; what was woven is worth one visible line, as
                    // the MSBuild task gives it.
                    _fody.WriteMessage(text, MessageImportance.High);
                    break;
                default:
                    _fody.WriteDebug(text);
                    break;
            }
        }

        private static SequencePoint? PositionOf(string? file, int line)
        {
            if (string.IsNullOrEmpty(file)) return null;

            // Only the document and lines are read from it; the instruction is a placeholder the constructor requires.
            return new SequencePoint(Instruction.Create(OpCodes.Nop), new Document(file))
            {
                StartLine = line,
                EndLine = line,
            };
        }
    }
}
