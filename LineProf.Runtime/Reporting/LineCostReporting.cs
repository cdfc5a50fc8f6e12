using System;
using System.Collections.Generic;
using LineProf.LineCosts;
using LineProf.LineMaps;

namespace LineProf.Reporting
{
    /// <summary>
    /// Puts the database commands and HTTP calls collected per probe id onto the report's lines: counts, durations, the
    /// distinct texts, and the N+1 flag. Ids that name the same source line are summed, as their times are.
    /// </summary>
    internal sealed class LineCostReporting
    {
        private readonly Func<int, LineMapEntry> _resolve;
        private readonly int _nPlusOneThreshold;

        internal LineCostReporting(Func<int, LineMapEntry> resolve, int nPlusOneThreshold)
        {
            _resolve = resolve;
            _nPlusOneThreshold = nPlusOneThreshold;
        }

        /// <summary>A scope's totals, commands from no profiled line included.</summary>
        internal static (long DbCommands, long DbNs, long HttpCalls, long HttpNs) Totals(CostSample[] costs)
        {
            long db = 0, dbNs = 0, http = 0, httpNs = 0;
            foreach (var cost in costs)
            {
                if (cost.Kind == CostKinds.Database)
                {
                    db += cost.Count;
                    dbNs += ReportBuilder.Nanoseconds(cost.Ticks);
                }
                else
                {
                    http += cost.Count;
                    httpNs += ReportBuilder.Nanoseconds(cost.Ticks);
                }
            }

            return (db, dbNs, http, httpNs);
        }

        /// <summary>Sets the cost figures of each of <paramref name="lines"/> that issued any of <paramref name="costs"/>.</summary>
        internal void Attach(IEnumerable<LineFigures> lines, CostSample[] costs)
        {
            if (costs.Length == 0) return;
            var byLine = new Dictionary<(string, int, string), List<LineCommand>>();
            foreach (var cost in costs)
            {
                if (cost.Probe == 0) continue;                                   // the scope's totals count it; no line does
                var entry = _resolve(cost.Probe);
                var key = (entry.File, entry.Line, entry.Method);
                if (!byLine.TryGetValue(key, out var commands)) byLine.Add(key, commands = new List<LineCommand>());
                Add(commands, cost);
            }

            foreach (var line in lines)
            {
                if (!byLine.TryGetValue((line.File, line.Line, line.Method), out var commands)) continue;
                commands.Sort((a, b) => b.Count != a.Count ? b.Count.CompareTo(a.Count) : b.TimeNs.CompareTo(a.TimeNs));
                long db = 0, dbNs = 0, http = 0, httpNs = 0;
                bool nPlusOne = false;
                foreach (var command in commands)
                {
                    if (command.Kind == CostKinds.Database)
                    {
                        db += command.Count;
                        dbNs += command.TimeNs;
                        nPlusOne |= command.NPlusOne;
                    }
                    else
                    {
                        http += command.Count;
                        httpNs += command.TimeNs;
                    }
                }

                (line.DbCommands, line.DbNs, line.HttpCalls, line.HttpNs) = (db, dbNs, http, httpNs);
                line.NPlusOne = nPlusOne;
                line.Commands = commands;
            }
        }

        private void Add(List<LineCommand> commands, CostSample cost)
        {
            string? text = null, method = null, host = null, path = null;
            if (cost.Kind == CostKinds.Http) (method, host, path) = HttpTarget.Parts(cost.Text);
            else text = cost.Text;

            // Ids of one source line (a field initializer woven into two constructors) sum by text.
            var same = commands.Find(c => c.Kind == cost.Kind && c.Text == text && c.HttpMethod == method && c.Host == host && c.Path == path);
            if (same == null)
            {
                commands.Add(same = new LineCommand { Kind = cost.Kind, Text = text, HttpMethod = method, Host = host, Path = path });
            }

            same.Count += cost.Count;
            same.TimeNs += ReportBuilder.Nanoseconds(cost.Ticks);
            same.MaxPerRequest = Math.Max(same.MaxPerRequest, cost.MaxPerRequest);
            same.NPlusOne = cost.Kind == CostKinds.Database && same.MaxPerRequest > _nPlusOneThreshold;
        }
    }
}
