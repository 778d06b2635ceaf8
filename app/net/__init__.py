"""The only code in PA Books that opens a network connection: sending a prepared submission to HMRC when the
holder presses Send (app/net/transaction_engine.py). An architecture test keeps it the only one."""
