using System;
using System.Threading;
using LineProf.Collection;

namespace LineProf
{
    /// <summary>
    /// A unit of work other than an HTTP request (a queue message, a scheduled job, a hub call, a CLI command), begun
    /// by <see cref="LineProfiler.BeginWork"/>: the lines that run from there on, on its flow and on every thread it
    /// starts, count for it until it ends. Ending it (or disposing it, which ends it as succeeded) gives back the flow's
    /// earlier sink, so a unit begun inside a request or another unit leaves the rest of that one profiled as before.
    /// When profiling is off it is a null object that records nothing.
    /// </summary>
    public abstract class WorkScope : IDisposable
    {
        private protected WorkScope()
        {
        }

        /// <summary>Whether this unit's lines are being collected.</summary>
        public abstract bool IsProfiled { get; }

        /// <summary>Ends the unit with its outcome. Only the first end counts.</summary>
        public abstract void End(WorkOutcome outcome);

        /// <summary>Ends the unit as succeeded unless it was ended already.</summary>
        public void Dispose() => End(WorkOutcome.Succeeded);

        /// <summary>
        /// Ends the unit, recording it only if it ran a profiled line or issued a command: for an adapter whose units
        /// are mostly the framework's own plumbing (a Blazor circuit's hub calls), which would otherwise count a unit
        /// for every message of it. Only the first end counts.
        /// </summary>
        internal abstract void EndIfItRan(WorkOutcome outcome);

        /// <summary>
        /// The status a unit's outcome is reported with, read as an HTTP status would be: a failed unit reads like a
        /// request that failed, a cancelled one like a request its client abandoned.
        /// </summary>
        internal static int StatusOf(WorkOutcome outcome) => outcome switch
        {
            WorkOutcome.Failed => 500,
            WorkOutcome.Cancelled => 499,
            _ => 200,
        };

        internal sealed class Profiled : WorkScope
        {
            private readonly ActiveRequest _unit;
            private readonly ResultsStore _store;
            private readonly LineSink? _previous;
            private int _ended;

            internal Profiled(ActiveRequest unit, ResultsStore store, LineSink? previous)
            {
                _unit = unit;
                _store = store;
                _previous = previous;
            }

            public override bool IsProfiled => true;

            public override void End(WorkOutcome outcome) => End(outcome, keepIfEmpty: true);

            internal override void EndIfItRan(WorkOutcome outcome) => End(outcome, keepIfEmpty: false);

            private void End(WorkOutcome outcome, bool keepIfEmpty)
            {
                if (Interlocked.Exchange(ref _ended, 1) != 0) return;
                LineSink.Restore(_previous);
                var profile = _unit.Complete(StatusOf(outcome), _unit.Path);
                if (keepIfEmpty || profile.Lines.Length > 0 || profile.Costs.Length > 0) _store.Add(profile);
            }
        }

        internal sealed class NotProfiled : WorkScope
        {
            private readonly LineSink? _previous;
            private int _ended;

            internal NotProfiled(LineSink? previous)
            {
                _previous = previous;
            }

            public override bool IsProfiled => false;

            public override void End(WorkOutcome outcome)
            {
                if (Interlocked.Exchange(ref _ended, 1) == 0) LineSink.Restore(_previous);
            }

            internal override void EndIfItRan(WorkOutcome outcome) => End(outcome);
        }
    }

    /// <summary>How a unit of work ended.</summary>
    public enum WorkOutcome
    {
        /// <summary>It did its work (reported with status 200).</summary>
        Succeeded,

        /// <summary>It failed (reported with status 500).</summary>
        Failed,

        /// <summary>It was cancelled or abandoned before it finished (reported with status 499).</summary>
        Cancelled,
    }

    /// <summary>The kinds of unit LineProf's own adapters begin; users may name others ("queue", "job", ...).</summary>
    public static class WorkKinds
    {
        /// <summary>An HTTP request, what a report holds when it names no kind.</summary>
        public const string Http = "http";

        /// <summary>A unit begun by <see cref="LineProfiler.BeginWork"/> with no kind given.</summary>
        public const string Work = "work";
    }
}
