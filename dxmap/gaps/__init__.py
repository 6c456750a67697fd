"""gaps"""
