using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Matrix.Lib;

namespace Matrix.App
{
    /// <summary>Prints what the code computed, where an exception was thrown and, in a profiled build, each line's hits.</summary>
    public static class Program
    {
        public static int Main()
        {
#if LINEPROF
            LineProf.LineProfiler.Shared.Configure(new LineProf.LineProfilerOptions { WriteFiles = false });
            var scope = LineProf.LineProfiler.Shared.BeginRequest("RUN", "/matrix");
#endif
            var result = Run();
#if LINEPROF
            scope.End(200);
            var request = LineProf.LineProfiler.Shared.CreateReport().Requests.Single(r => r.Path == "/matrix");
            foreach (var line in request.Lines) Console.WriteLine($"HIT {Path.GetFileName(line.File)}:{line.Line} {line.Hits}");
#endif
            Console.WriteLine(result);
            return 0;
        }

        private static string Run()
        {
            int total = 0;
            for (int i = 0; i < 7; i++)
            {
                total += Shapes.SumOfSquares(3); // MARK:app-loop
            }

            var evens = string.Join(",", Shapes.Evens(7));
            var described = Shapes.DescribeAsync(5).GetAwaiter().GetResult();
            string thrown;
            try
            {
                Shapes.Fail("boom");
                thrown = "nothing";
            }
            catch (InvalidOperationException e)
            {
                var frame = new StackTrace(e, true).GetFrame(0);
                thrown = Path.GetFileName(frame?.GetFileName() ?? "?") + ":" + frame?.GetFileLineNumber();
            }

            return $"RESULT total={total} evens={evens} described={described} thrown={thrown}";
        }
    }
}
