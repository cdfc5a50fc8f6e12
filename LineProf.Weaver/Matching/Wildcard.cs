using System;
using System.Collections.Generic;

namespace LineProf.Matching
{
    /// <summary>
    /// A wildcard pattern, matched without backtracking: the pattern is a chain of states and the text is read once,
    /// keeping the set of states it can be in, so a match costs at most (text length + 1) x (pattern length + 1) steps,
    /// whatever the stars (a backtracking regex takes time exponential in the stars, or a power of the length).
    /// The weaver (LineProfileInclude, LineProfileExclude) and the lineprof tool (--match, --file) compile this one
    /// file, so a pattern means the same in both.
    /// </summary>
    internal sealed class Wildcard
    {
        private readonly Step[] _steps;

        /// <summary>Per state, a state a fork reaches reading nothing (the "no folders" way past <c>**/</c>), or -1.</summary>
        private readonly int[] _skips;

        /// <summary>A path pattern: either separator, and case does not count.</summary>
        private readonly bool _path;

        private Wildcard(List<Step> steps, List<int> skips, bool path)
        {
            _steps = steps.ToArray();
            _skips = skips.ToArray();
            _path = path;
        }

        private enum Kind
        {
            /// <summary>One given character.</summary>
            Literal,

            /// <summary><c>?</c>: one character.</summary>
            One,

            /// <summary><c>*</c>: any run of characters, none too.</summary>
            Run,

            /// <summary>Reads nothing: where <c>**/</c> may be skipped, before its run (after the run, it may not).</summary>
            Fork,
        }

        /// <summary>
        /// A pattern over a name (<c>Namespace.Type.Method</c>, <c>File.cs:42</c>): <c>*</c> any run of characters,
        /// <c>?</c> one; the whole name must match, case counts.
        /// </summary>
        public static Wildcard Name(string pattern)
        {
            var steps = new List<Step>();
            var skips = new List<int>();
            foreach (char c in pattern) Add(steps, skips, c == '*' ? Kind.Run : c == '?' ? Kind.One : Kind.Literal, c, crossesFolders: true);
            return new Wildcard(steps, skips, path: false);
        }

        /// <summary>
        /// A pattern over a file path, either separator: <c>**</c> any run of folders, <c>*</c> any run of characters
        /// within a name, <c>?</c> one; a pattern that does not start at the root (<c>/</c> or a drive letter) matches at
        /// any depth (<c>Features/Articles/**</c>, <c>*.g.cs</c>). Case does not count, as on Windows.
        /// </summary>
        public static Wildcard Path(string pattern)
        {
            pattern = pattern.Replace('\\', '/');
            var steps = new List<Step>();
            var skips = new List<int>();
            bool rooted = pattern.StartsWith("/", StringComparison.Ordinal) || (pattern.Length > 1 && pattern[1] == ':');
            if (!rooted) AddFolders(steps, skips);
            for (int i = 0; i < pattern.Length; i++)
            {
                char c = pattern[i];
                if (c == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
                {
                    if (i + 2 < pattern.Length && pattern[i + 2] == '/')
                    {
                        AddFolders(steps, skips);
                        i += 2;
                    }
                    else
                    {
                        Add(steps, skips, Kind.Run, c, crossesFolders: true);
                        i++;
                    }
                }
                else
                {
                    Add(steps, skips, c == '*' ? Kind.Run : c == '?' ? Kind.One : Kind.Literal, c, crossesFolders: false);
                }
            }

            return new Wildcard(steps, skips, path: true);
        }

        /// <summary>Whether the whole text matches (a path with either separator, for a path pattern).</summary>
        public bool IsMatch(string text) => IsMatch(text, out _);

        /// <summary>
        /// Whether the whole text matches, and how many steps it took: each character visits each state at most twice
        /// (a path pattern has up to four states more than characters), so at most
        /// 2 x (text length + 1) x (pattern length + 4), which a test holds it to.
        /// </summary>
        public bool IsMatch(string text, out long steps)
        {
            int count = _steps.Length + 1;
            var current = new bool[count];
            var next = new bool[count];
            current[0] = true;
            steps = Close(current);
            foreach (char raw in text)
            {
                char c = raw == '\\' && _path ? '/' : raw;
                Array.Clear(next, 0, count);
                bool any = false;
                for (int state = 0; state < _steps.Length; state++)
                {
                    if (!current[state]) continue;
                    steps++;
                    var step = _steps[state];
                    if (!step.Accepts(c, ignoreCase: _path)) continue;
                    // A run stays where it is for the next character; the others move on.
                    next[step.Kind == Kind.Run ? state : state + 1] = true;
                    any = true;
                }

                if (!any) return false;
                steps += Close(next);
                var swap = current;
                current = next;
                next = swap;
            }

            return current[_steps.Length];
        }

        /// <summary>Adds the states reachable reading nothing; edges only go forward, so one pass in order does it.</summary>
        private long Close(bool[] states)
        {
            long steps = 0;
            for (int state = 0; state < _steps.Length; state++)
            {
                if (!states[state]) continue;
                steps++;
                if (_steps[state].Kind is Kind.Run or Kind.Fork) states[state + 1] = true;
                if (_skips[state] >= 0) states[_skips[state]] = true;
            }

            return steps;
        }

        private static void Add(List<Step> steps, List<int> skips, Kind kind, char c, bool crossesFolders)
        {
            steps.Add(new Step(kind, c, crossesFolders));
            skips.Add(-1);
        }

        /// <summary><c>**/</c>: nothing, or any run of characters up to and including a separator.</summary>
        private static void AddFolders(List<Step> steps, List<int> skips)
        {
            Add(steps, skips, Kind.Fork, '*', crossesFolders: true);
            Add(steps, skips, Kind.Run, '*', crossesFolders: true);
            Add(steps, skips, Kind.Literal, '/', crossesFolders: false);
            skips[skips.Count - 3] = steps.Count;
        }

        private readonly struct Step
        {
            private readonly char _char;
            private readonly bool _crossesFolders;

            public Step(Kind kind, char c, bool crossesFolders)
            {
                Kind = kind;
                _char = c;
                _crossesFolders = crossesFolders;
            }

            public Kind Kind { get; }

            public bool Accepts(char c, bool ignoreCase)
            {
                if (Kind == Kind.Fork) return false;
                if (Kind != Kind.Literal) return _crossesFolders || c != '/';
                return c == _char || (ignoreCase && char.ToUpperInvariant(c) == char.ToUpperInvariant(_char));
            }
        }
    }
}
