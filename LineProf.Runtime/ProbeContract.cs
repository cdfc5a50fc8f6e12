namespace LineProf
{
    /// <summary>
    /// The names the weaver and the runtime agree on. This file is compiled into both, so the two cannot drift
    /// apart within one release; <see cref="Version"/> catches an app woven by one release and run with another.
    /// </summary>
    internal static class ProbeContract
    {
        /// <summary>
        /// Raised whenever a probe signature, the frame's meaning or the line map format changes (3: the line map says
        /// which lines are counted small members).
        /// </summary>
        public const int Version = 3;

        public const string RuntimeAssembly = "LineProf.Runtime";
        public const string ProbeNamespace = "LineProf";
        public const string ProbeType = "Probe";
        public const string FrameType = "LineFrame";

        public const string Register = "Register";
        public const string Enter = "Enter";
        public const string Resume = "Resume";
        public const string Hit = "Hit";
        public const string Exit = "Exit";
        public const string Complete = "Complete";
        public const string Suspend = "Suspend";
        public const string Leave = "Leave";
        public const string Count = "Count";

        /// <summary>Every probe method, so the weaver can check the runtime it was given offers them all.</summary>
        public static readonly string[] Methods = { Register, Enter, Resume, Hit, Exit, Complete, Suspend, Leave, Count };

        /// <summary>The type the weaver adds to a woven module. Its presence marks the module as woven.</summary>
        public const string LineMapTypeName = "<LineProf>LineMap";
        public const string LineMapBaseField = "Base";
        public const string LineMapEndField = "End";

        /// <summary>The manifest resource holding the line map.</summary>
        public const string LineMapResource = "LineProf.LineMap";

        /// <summary>Name of the frame local in woven methods and of the frame field in woven state machines.</summary>
        public const string FrameFieldName = "<>lineprof__frame";

        /// <summary>Attribute that keeps an assembly, type or method (and what the compiler generates for it) unwoven.</summary>
        public const string NoLineProfileAttribute = "LineProf.NoLineProfileAttribute";
    }
}
