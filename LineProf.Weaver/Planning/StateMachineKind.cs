namespace LineProf.Weaving.Planning
{
    /// <summary>What kind of compiler-generated state machine a MoveNext belongs to, which decides where its exits are.</summary>
    internal enum StateMachineKind
    {
        /// <summary>An ordinary method: its frame is a local and it exits at every return or throw.</summary>
        None,

        /// <summary>An async method: exits when it completes its builder, not when MoveNext returns at an await.</summary>
        Async,

        /// <summary>An iterator: exits whenever MoveNext returns, so time suspended at a yield is not counted.</summary>
        Iterator,

        /// <summary>An async iterator: exits when it completes its promise (at a yield or the end), not at an await.</summary>
        AsyncIterator,
    }
}
