using System;

namespace LineProf
{
    /// <summary>
    /// Keeps an assembly, type or method unwoven, together with the lambdas, local functions and state machines
    /// the compiler generates for it. The weaver matches it by name, so a copy declared in your own code works too.
    /// </summary>
    [AttributeUsage(AttributeTargets.Assembly | AttributeTargets.Class | AttributeTargets.Struct |
                    AttributeTargets.Method | AttributeTargets.Constructor | AttributeTargets.Property,
        Inherited = false)]
    public sealed class NoLineProfileAttribute : Attribute
    {
    }
}
