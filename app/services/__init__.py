"""Use cases over an employer file. Each one that writes runs in one transaction; screens and the
command line call these and get plain dataclasses back, never storage models."""
