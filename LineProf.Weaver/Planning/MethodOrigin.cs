using Mono.Cecil;

namespace LineProf.Weaving.Planning
{
    /// <summary>The method a user wrote that a compiled method comes from, and how the report names it.</summary>
    internal sealed class MethodOrigin
    {
        public MethodOrigin(MethodDefinition source, string displayName)
        {
            Source = source;
            DisplayName = displayName;
        }

        /// <summary>
        /// The user-written method: itself for an ordinary method, the kickoff method of a state machine, the
        /// enclosing method of a lambda or local function.
        /// </summary>
        public MethodDefinition Source { get; }

        /// <summary>
        /// What reports call it, distinct for every source method of a type: <c>Namespace.Type.Method</c>, with the
        /// parameter types when the name is overloaded (<c>Namespace.Type.Get(int, string)</c>), <c> lambda@12</c> or
        /// <c>.LocalFunction</c> appended for what the compiler moved out of it. See <see cref="MethodOrigins"/>.
        /// </summary>
        public string DisplayName { get; }
    }
}
